package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.SumAccumulator;
import org.apache.spark.sql.types.DataType;

/** The state of {@link Sum} and {@link Avg}: a running sum and count of the non-NULL values. */
final class SumState implements WindowState {
    private final SumAccumulator sum;
    private final boolean average;

    SumState(DataType type, boolean average) {
        this.sum = new SumAccumulator(type);
        this.average = average;
    }

    @Override
    public void add(Object[] values) {
        if (values[0] != null) {
            sum.add(values[0]);
        }
    }

    @Override
    public void removeOldest(Object[] values) {
        if (values[0] != null) {
            sum.remove(values[0]);
        }
    }

    @Override
    public void removeNewest(Object[] values) {
        removeOldest(values);
    }

    @Override
    public Object result() {
        return average ? sum.average() : sum.sum();
    }
}

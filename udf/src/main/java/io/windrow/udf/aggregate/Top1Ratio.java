package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.FrequencyCounter;
import io.windrow.udf.support.FrequencyState;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code top1_ratio(value)} (alias {@code fz_top1_ratio}): the count of the most frequent non-NULL
 * value divided by the number of non-NULL values, as double; 0 when there are none.
 */
public final class Top1Ratio extends NamedFunction {
    public Top1Ratio() {
        super("top1_ratio", List.of("fz_top1_ratio"), "top1_ratio(value) -> double",
                "share of the most frequent value among the non-NULL values (0 when none)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ORDERED, "a number, timestamp, date or string");
        return DataTypes.DoubleType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State();
    }

    static final class State extends FrequencyState {
        State() {
            super(FrequencyCounter.plain());
        }

        @Override
        public Object result() {
            long total = counter().total();
            return total == 0 ? 0.0d : (double) counter().maxCount() / total;
        }
    }
}

package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code ew_avg(value, alpha)}: the exponentially weighted mean of the non-NULL values, newest
 * weighted 1 and each older non-NULL value by a further factor {@code 1 - alpha} (pandas
 * {@code ewm(alpha, adjust=True, ignore_na=True).mean()} at the newest row); NULL when there are
 * none. Computed over the frame when read (O(frame)): removing the oldest term from a running
 * weighted sum would divide by {@code (1 - alpha)^n}, which loses all precision.
 */
public final class EwAvg extends NamedFunction {
    public EwAvg() {
        super("ew_avg", List.of(), "ew_avg(number, alpha) -> double",
                "exponentially weighted mean, newest value weight 1, each older one times (1 - alpha)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 2);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.NUMERIC, "a number");
        ArgumentTypes.require(name(), argumentTypes, 1, ArgumentTypes.NUMERIC, "a numeric constant alpha");
        return DataTypes.DoubleType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        Object alpha = constants.get(0);
        if (!(alpha instanceof Number number) || !(number.doubleValue() >= 0 && number.doubleValue() <= 1)) {
            throw new IllegalArgumentException(name() + ": alpha must be a constant between 0 and 1, got " + alpha);
        }
        return new State(number.doubleValue());
    }

    static final class State implements WindowState {
        private final double decay;
        private final ValueDeque values = new ValueDeque();

        State(double alpha) {
            this.decay = 1 - alpha;
        }

        @Override
        public void add(Object[] row) {
            if (row[0] != null) {
                values.addNewest(((Number) row[0]).doubleValue());
            }
        }

        @Override
        public void removeOldest(Object[] row) {
            if (row[0] != null) {
                values.removeOldest();
            }
        }

        @Override
        public void removeNewest(Object[] row) {
            if (row[0] != null) {
                values.removeNewest();
            }
        }

        @Override
        public Object result() {
            if (values.isEmpty()) {
                return null;
            }
            double weighted = 0;
            double weights = 0;
            double weight = 1;
            for (int i = 0; i < values.size() && weight > 0; i++) {
                weighted += weight * (Double) values.fromNewest(i);
                weights += weight;
                weight *= decay;
            }
            return weighted / weights;
        }
    }
}

package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.KeyOrder;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.SortedMultiset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code median(value)}: the median of the non-NULL numeric values as double; NULL when there are
 * none. With an even count it is the mean of the two middle values, added in the argument's own
 * type first as OpenMLDB's C++ does ({@code (float) (a + b) / 2.0} for floats, so [1.1f, 1.4f] gives
 * exactly 1.25). The frame is kept as two sorted halves, so adding and removing cost O(log n).
 */
public final class Median extends NamedFunction {
    public Median() {
        super("median", List.of(), "median(number) -> double", "median of the non-NULL values (NULL when none)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.NUMERIC, "a number");
        return DataTypes.DoubleType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State();
    }

    /** The mean of the two middle values, summed in their own type like C++ (int overflow wraps). */
    static double middle(Object low, Object high) {
        if (low instanceof Double a) {
            return (a + (Double) high) / 2.0;
        }
        if (low instanceof Float a) {
            return (float) (a + (Float) high) / 2.0;
        }
        if (low instanceof Long a) {
            return (a + (Long) high) / 2.0;
        }
        if (low instanceof Integer a) {
            return (a + (Integer) high) / 2.0;
        }
        return (((Number) low).intValue() + ((Number) high).intValue()) / 2.0;
    }

    static final class State implements WindowState {
        /** The smaller half, holding the extra value when the count is odd. */
        private final SortedMultiset lower = new SortedMultiset();
        private final SortedMultiset upper = new SortedMultiset();

        @Override
        public void add(Object[] values) {
            Object value = values[0];
            if (value == null) {
                return;
            }
            if (lower.isEmpty() || KeyOrder.INSTANCE.compare(value, lower.last()) <= 0) {
                lower.add(value);
            } else {
                upper.add(value);
            }
            rebalance();
        }

        @Override
        public void removeOldest(Object[] values) {
            Object value = values[0];
            if (value == null) {
                return;
            }
            if (!lower.isEmpty() && KeyOrder.INSTANCE.compare(value, lower.last()) <= 0) {
                lower.remove(value);
            } else {
                upper.remove(value);
            }
            rebalance();
        }

        @Override
        public void removeNewest(Object[] values) {
            removeOldest(values);
        }

        private void rebalance() {
            if (lower.size() > upper.size() + 1) {
                Object moved = lower.last();
                lower.remove(moved);
                upper.add(moved);
            } else if (upper.size() > lower.size()) {
                Object moved = upper.first();
                upper.remove(moved);
                lower.add(moved);
            }
        }

        @Override
        public Object result() {
            if (lower.isEmpty()) {
                return null;
            }
            if (lower.size() == upper.size()) {
                return middle(lower.last(), upper.first());
            }
            return ((Number) lower.last()).doubleValue();
        }
    }
}

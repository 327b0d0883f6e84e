package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.FrequencyCounter;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.Temporal;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code distinct_count(value)}: the number of distinct values, as bigint.
 *
 * <p>NULL rule (the spec leaves it open): a NULL counts as its type's zero value, which is what
 * OpenMLDB's non-nullable update does and the only rule that passes both of OpenMLDB's cases:
 * {@code [4, 4, NULL]} gives 2 (NULL acts as 0) and {@code [false, true, NULL]} gives 2 (NULL acts
 * as false). So NULL is one more distinct value unless the zero value ({@code 0}, {@code ''},
 * {@code false}, the epoch timestamp) is also in the frame. A NULL date is a value of its own, as
 * OpenMLDB's date 0 matches no real date.
 */
public final class DistinctCount extends NamedFunction {
    /** The key of a NULL date: OpenMLDB's date 0, which no real date encodes to. */
    private static final Object NULL_DATE = new Object() {
        @Override
        public String toString() {
            return "NULL_DATE";
        }
    };

    public DistinctCount() {
        super("distinct_count", List.of(), "distinct_count(value) -> bigint",
                "number of distinct values (a NULL counts as its type's zero value)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ANY, "a column");
        return DataTypes.LongType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State(argumentTypes.get(0));
    }

    /** The counted key of a value: timestamps as micros and dates as days, so NULL's zero compares equal. */
    static Object key(DataType type, Object value) {
        if (type.equals(DataTypes.TimestampType)) {
            return value == null ? 0L : Temporal.micros(value);
        }
        if (type.equals(DataTypes.DateType)) {
            return value == null ? NULL_DATE : Temporal.epochDay(value);
        }
        if (value != null) {
            return value;
        }
        if (type.equals(DataTypes.ShortType)) {
            return (short) 0;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return 0;
        }
        if (type.equals(DataTypes.LongType)) {
            return 0L;
        }
        if (type.equals(DataTypes.FloatType)) {
            return 0.0f;
        }
        if (type.equals(DataTypes.DoubleType)) {
            return 0.0d;
        }
        if (type.equals(DataTypes.BooleanType)) {
            return Boolean.FALSE;
        }
        return "";
    }

    static final class State implements WindowState {
        private final DataType type;
        private final FrequencyCounter counter = FrequencyCounter.plain();

        State(DataType type) {
            this.type = type;
        }

        @Override
        public void add(Object[] values) {
            counter.add(key(type, values[0]));
        }

        @Override
        public void removeOldest(Object[] values) {
            counter.remove(key(type, values[0]));
        }

        @Override
        public void removeNewest(Object[] values) {
            removeOldest(values);
        }

        @Override
        public Object result() {
            return (long) counter.distinct();
        }
    }
}

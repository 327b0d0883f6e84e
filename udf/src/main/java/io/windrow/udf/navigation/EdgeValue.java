package io.windrow.udf.navigation;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Set;

/**
 * {@code first_value(value[, ignore_null])} and {@code last_value(value[, ignore_null])}: the value
 * of the oldest or the newest row of the frame (OpenMLDB 0.9 semantics; before 0.9 first_value
 * returned the newest row). With {@code ignore_null} true, the oldest or newest non-NULL value.
 * NULL for an empty frame.
 */
public final class EdgeValue extends NamedFunction {
    private final boolean oldest;

    private EdgeValue(String name, boolean oldest, String description) {
        super(name, List.of(), name + "(value[, ignore_null]) -> type of value", description);
        this.oldest = oldest;
    }

    public static EdgeValue firstValue() {
        return new EdgeValue("first_value", true, "value of the oldest row of the window (optionally the oldest non-NULL)");
    }

    public static EdgeValue lastValue() {
        return new EdgeValue("last_value", false, "value of the newest row of the window (optionally the newest non-NULL)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        if (argumentTypes.size() != 1 && argumentTypes.size() != 2) {
            throw new IllegalArgumentException(name() + " takes 1 or 2 arguments, got " + argumentTypes.size());
        }
        if (argumentTypes.size() == 2) {
            ArgumentTypes.require(name(), argumentTypes, 1, Set.of(DataTypes.BooleanType), "a bool constant ignore_null");
        }
        return ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ANY, "a column");
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        boolean ignoreNull = !constants.isEmpty() && Boolean.TRUE.equals(constants.get(0));
        return new State(oldest, ignoreNull);
    }

    static final class State implements WindowState {
        private final boolean oldest;
        private final boolean ignoreNull;
        private final ValueDeque values = new ValueDeque();

        State(boolean oldest, boolean ignoreNull) {
            this.oldest = oldest;
            this.ignoreNull = ignoreNull;
        }

        private boolean kept(Object value) {
            return value != null || !ignoreNull;
        }

        @Override
        public void add(Object[] row) {
            if (kept(row[0])) {
                values.addNewest(row[0]);
            }
        }

        @Override
        public void removeOldest(Object[] row) {
            if (kept(row[0])) {
                values.removeOldest();
            }
        }

        @Override
        public void removeNewest(Object[] row) {
            if (kept(row[0])) {
                values.removeNewest();
            }
        }

        @Override
        public Object result() {
            if (values.isEmpty()) {
                return null;
            }
            return oldest ? values.fromOldest(0) : values.fromNewest(0);
        }
    }
}

package io.windrow.udf.navigation;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import org.apache.spark.sql.types.DataType;

import java.util.List;

/**
 * {@code lag(value, n)} (alias {@code at}): the value n rows before the newest row of the frame,
 * NULL when the frame holds n rows or fewer; {@code lag(value, 0)} is the newest row's value. The
 * window operator makes the newest row the current row, and keeps enough earlier rows in the frame
 * for OpenMLDB's partition-wide offset (lag reaches rows outside a narrower frame).
 */
public final class Lag extends NamedFunction {
    public Lag() {
        super("lag", List.of("at"), "lag(value, n) -> type of value",
                "value n rows before the current row (n = 0: the current row; NULL past the start)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 2);
        ArgumentTypes.requireIntegerConstant(name(), argumentTypes, 1);
        return ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ANY, "a column");
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        int offset = ArgumentTypes.intConstant(name(), constants.get(0), "offset");
        if (offset < 0) {
            throw new IllegalArgumentException(name() + ": offset must not be negative, got " + offset);
        }
        return new State(offset);
    }

    static final class State implements WindowState {
        private final int offset;
        private final ValueDeque values = new ValueDeque();

        State(int offset) {
            this.offset = offset;
        }

        @Override
        public void add(Object[] row) {
            values.addNewest(row[0]);
        }

        @Override
        public void removeOldest(Object[] row) {
            values.removeOldest();
        }

        @Override
        public void removeNewest(Object[] row) {
            values.removeNewest();
        }

        @Override
        public Object result() {
            return offset < values.size() ? values.fromNewest(offset) : null;
        }
    }
}

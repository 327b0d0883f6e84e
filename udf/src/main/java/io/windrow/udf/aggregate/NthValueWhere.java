package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import org.apache.spark.sql.types.DataType;

import java.util.List;

/**
 * {@code nth_value_where(value, idx, condition)}: the value of the {@code idx}-th row of the frame
 * whose condition is true (a NULL condition counts as false), as OpenMLDB documents it: a positive
 * {@code idx} counts from the oldest row (1 = the first match), a negative one from the newest
 * (-1 = the last match), and 0 or an index past the matches gives NULL. The result has the value's
 * type; a matching row whose value is NULL gives NULL.
 *
 * <p>{@code idx} sits between two per-row arguments, so the operator passes it per row like them
 * (all three are values); OpenMLDB requires it to be a constant, and the state rejects an index
 * that changes from row to row rather than answer for one of them.
 */
public final class NthValueWhere extends NamedFunction {
    public NthValueWhere() {
        super("nth_value_where", List.of(), "nth_value_where(value, idx, condition) -> type of value",
                "value of the idx-th row whose condition is true (idx > 0 from the oldest, < 0 from the newest)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 3;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 3);
        ArgumentTypes.requireIntegerConstant(name(), argumentTypes, 1);
        ArgumentTypes.requireCondition(name(), argumentTypes, 2);
        return ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ANY, "a column");
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State(name());
    }

    static final class State implements WindowState {
        private final String function;
        private final ValueDeque matches = new ValueDeque();
        private Integer idx;

        State(String function) {
            this.function = function;
        }

        private boolean matches(Object[] values) {
            int rowIdx = ArgumentTypes.intConstant(function, values[1], "idx");
            if (idx == null) {
                idx = rowIdx;
            } else if (idx != rowIdx) {
                throw new IllegalArgumentException(function + ": idx must be a constant, got " + idx + " and " + rowIdx);
            }
            return Boolean.TRUE.equals(values[2]);
        }

        @Override
        public void add(Object[] values) {
            if (matches(values)) {
                matches.addNewest(values[0]);
            }
        }

        @Override
        public void removeOldest(Object[] values) {
            if (matches(values)) {
                matches.removeOldest();
            }
        }

        @Override
        public void removeNewest(Object[] values) {
            if (matches(values)) {
                matches.removeNewest();
            }
        }

        @Override
        public Object result() {
            if (idx == null || idx == 0 || Math.abs((long) idx) > matches.size()) {
                return null;
            }
            return idx > 0 ? matches.fromOldest(idx - 1) : matches.fromNewest(-idx - 1);
        }
    }
}

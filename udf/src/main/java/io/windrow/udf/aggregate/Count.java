package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/** {@code count(value)}: the number of non-NULL values in the frame, as bigint (0 when none). */
public final class Count extends NamedFunction {
    public Count() {
        super("count", List.of(), "count(value) -> bigint", "number of non-NULL values in the window");
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
        return new State();
    }

    static final class State implements WindowState {
        private long count;

        @Override
        public void add(Object[] values) {
            if (values[0] != null) {
                count++;
            }
        }

        @Override
        public void removeOldest(Object[] values) {
            if (values[0] != null) {
                count--;
            }
        }

        @Override
        public void removeNewest(Object[] values) {
            removeOldest(values);
        }

        @Override
        public Object result() {
            return count;
        }
    }
}

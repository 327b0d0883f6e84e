package io.windrow.udf.list;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Set;

/**
 * {@code join(s, delimiter) OVER w} (alias {@code fz_join}): the frame's strings joined with the
 * delimiter, newest first, as OpenMLDB's {@code fz_join} prints a window list; an empty frame gives
 * the empty string. OpenMLDB declares the list's elements non-nullable, so a NULL string is left
 * out (the window splits never produce one). It is reached only through
 * {@link io.windrow.udf.FunctionRegistry#lookupOverSplit} as the consumer of a {@link WindowSplit}
 * list: {@code join(column, d) OVER w} of a plain column is not supported yet.
 */
public final class Join extends NamedFunction {
    private static final Set<DataType> STRING = Set.of(DataTypes.StringType);

    public Join() {
        super("join", List.of("fz_join"), "join(s, delimiter) -> string",
                "the frame's strings joined with the delimiter, newest first (NULLs left out)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 2);
        ArgumentTypes.require(name(), argumentTypes, 0, STRING, "a string");
        ArgumentTypes.require(name(), argumentTypes, 1, STRING, "a string constant");
        return DataTypes.StringType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        if (!(constants.get(0) instanceof String delimiter)) {
            throw new IllegalArgumentException(name() + ": the delimiter must be a string constant, got " + constants.get(0));
        }
        return new State(delimiter);
    }

    private static final class State implements WindowState {
        private final String delimiter;
        private final ValueDeque strings = new ValueDeque();

        State(String delimiter) {
            this.delimiter = delimiter;
        }

        @Override
        public void add(Object[] values) {
            if (values[0] != null) {
                strings.addNewest(values[0]);
            }
        }

        @Override
        public void removeOldest(Object[] values) {
            if (values[0] != null) {
                strings.removeOldest();
            }
        }

        @Override
        public void removeNewest(Object[] values) {
            if (values[0] != null) {
                strings.removeNewest();
            }
        }

        @Override
        public Object result() {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < strings.size(); i++) {
                if (i > 0) {
                    joined.append(delimiter);
                }
                joined.append((String) strings.fromNewest(i));
            }
            return joined.toString();
        }
    }
}

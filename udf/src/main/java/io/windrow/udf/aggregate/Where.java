package io.windrow.udf.aggregate;

import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;

import java.util.List;
import java.util.Set;

/**
 * The {@code _where} form of a one-value aggregate: {@code sum_where(value, cond)} aggregates only
 * the rows whose condition is true (a NULL condition counts as false), so {@code count_where},
 * {@code sum_where}, {@code avg_where}, {@code min_where} and {@code max_where} are
 * {@code Where.of(new Count())} and so on. The filtered rows keep their order, so the inner state
 * sees a consistent frame of its own.
 */
public final class Where extends NamedFunction {
    private final WindowFunction inner;
    private final Set<DataType> valueTypes;

    private Where(WindowFunction inner, Set<DataType> valueTypes) {
        super(inner.name() + "_where", List.of(), inner.name() + "_where(value, condition)" + resultOf(inner),
                inner.description() + ", over rows whose condition is true");
        this.inner = inner;
        this.valueTypes = Set.copyOf(valueTypes);
    }

    private static String resultOf(WindowFunction inner) {
        String signature = inner.signature();
        int arrow = signature.indexOf(" -> ");
        return arrow < 0 ? "" : signature.substring(arrow);
    }

    /**
     * The {@code _where} form of a function of one value argument and no constants, accepting the
     * value types OpenMLDB accepts for it (numbers only for sum/avg/min/max_where).
     */
    public static Where of(WindowFunction inner, Set<DataType> valueTypes) {
        return new Where(inner, valueTypes);
    }

    @Override
    public int valueArity(int argumentCount) {
        return 2;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 2);
        ArgumentTypes.requireCondition(name(), argumentTypes, 1);
        ArgumentTypes.require(name(), argumentTypes, 0, valueTypes, () -> "one of " + ArgumentTypes.describe(valueTypes));
        try {
            return inner.resultType(List.of(argumentTypes.get(0)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State(inner.newState(List.of(argumentTypes.get(0)), List.of()));
    }

    static final class State implements WindowState {
        private final WindowState inner;
        private final Object[] value = new Object[1];

        State(WindowState inner) {
            this.inner = inner;
        }

        private boolean selects(Object[] values) {
            value[0] = values[0];
            return Boolean.TRUE.equals(values[1]);
        }

        @Override
        public void add(Object[] values) {
            if (selects(values)) {
                inner.add(value);
            }
        }

        @Override
        public void removeOldest(Object[] values) {
            if (selects(values)) {
                inner.removeOldest(value);
            }
        }

        @Override
        public void removeNewest(Object[] values) {
            if (selects(values)) {
                inner.removeNewest(value);
            }
        }

        @Override
        public Object result() {
            return inner.result();
        }
    }
}

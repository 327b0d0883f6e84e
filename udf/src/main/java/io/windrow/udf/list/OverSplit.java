package io.windrow.udf.list;

import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowState;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A window aggregate over a window split, as OpenMLDB evaluates
 * {@code count(window_split_by_key(c1, ",", ":")) OVER w} or
 * {@code join(window_split(c1, ","), " ") OVER w}: the outer aggregate sees the pieces of the
 * frame's rows as if each piece were a row, in the split list's order (newest row first), so
 * {@code join} prints them as OpenMLDB does and counting aggregates count pieces. The call's
 * arguments are flattened: the row's string, the split's delimiters, then the outer aggregate's
 * constants ({@code topn_frequency}'s {@code n}, {@code join}'s delimiter).
 *
 * <p>The state keeps nothing per row: a leaving row is split again to remove its pieces, which is
 * deterministic.
 */
public final class OverSplit implements WindowFunction {
    private static final long serialVersionUID = 1L;

    private final WindowFunction outer;
    private final WindowSplit split;

    private OverSplit(WindowFunction outer, WindowSplit split) {
        this.outer = requireNonNull(outer, "outer");
        this.split = requireNonNull(split, "split");
    }

    /**
     * {@code outer(split(...), constants...)}; the outer function must take one per-row value
     * (the piece) and constants only.
     */
    public static OverSplit of(WindowFunction outer, WindowSplit split) {
        return new OverSplit(outer, split);
    }

    @Override
    public String name() {
        return outer.name() + "(" + split.name() + ")";
    }

    @Override
    public String description() {
        return outer.description() + ", over the pieces of " + split.name();
    }

    @Override
    public String signature() {
        return name();
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    private List<DataType> outerTypes(List<DataType> argumentTypes) {
        if (argumentTypes.size() < split.arity()) {
            throw new IllegalArgumentException(name() + ": " + split.name() + " takes " + split.arity()
                    + " arguments, got " + argumentTypes.size());
        }
        split.resultType(argumentTypes.subList(0, split.arity()));
        List<DataType> types = new ArrayList<>();
        types.add(DataTypes.StringType);
        types.addAll(argumentTypes.subList(split.arity(), argumentTypes.size()));
        if (outer.valueArity(types.size()) != 1) {
            throw new IllegalArgumentException(outer.name() + " cannot take the list of " + split.name()
                    + ": it needs " + outer.valueArity(types.size()) + " per-row arguments");
        }
        return types;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        List<DataType> types = outerTypes(argumentTypes);
        try {
            return outer.resultType(types);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        List<DataType> types = outerTypes(argumentTypes);
        int delimiters = split.arity() - 1;
        if (constants.size() != argumentTypes.size() - 1) {
            throw new IllegalArgumentException(name() + ": expected " + (argumentTypes.size() - 1) + " constants, got "
                    + constants.size());
        }
        List<String> splitDelimiters = split.delimiters(constants.subList(0, delimiters));
        WindowState inner = outer.newState(types, constants.subList(delimiters, constants.size()));
        return new State(split, splitDelimiters, inner);
    }

    private static final class State implements WindowState {
        private final WindowSplit split;
        private final List<String> delimiters;
        private final WindowState inner;
        private final Object[] piece = new Object[1];

        State(WindowSplit split, List<String> delimiters, WindowState inner) {
            this.split = split;
            this.delimiters = delimiters;
            this.inner = inner;
        }

        // The outer frame, oldest to newest, is the split list reversed: a row's first piece is its newest.
        @Override
        public void add(Object[] values) {
            List<String> pieces = split.pieces(values[0], delimiters);
            for (int i = pieces.size() - 1; i >= 0; i--) {
                piece[0] = pieces.get(i);
                inner.add(piece);
            }
        }

        @Override
        public void removeOldest(Object[] values) {
            List<String> pieces = split.pieces(values[0], delimiters);
            for (int i = pieces.size() - 1; i >= 0; i--) {
                piece[0] = pieces.get(i);
                inner.removeOldest(piece);
            }
        }

        @Override
        public void removeNewest(Object[] values) {
            for (String p : split.pieces(values[0], delimiters)) {
                piece[0] = p;
                inner.removeNewest(piece);
            }
        }

        @Override
        public Object result() {
            return inner.result();
        }
    }
}

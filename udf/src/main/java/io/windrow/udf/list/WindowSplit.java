package io.windrow.udf.list;

import io.windrow.udf.WindowState;
import io.windrow.udf.scalar.FeatureZeroScalars;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenMLDB's feature-zero window splits: {@code window_split(s, delimiter)},
 * {@code window_split_by_key(s, delimiter, kv_delimiter)} and
 * {@code window_split_by_value(s, delimiter, kv_delimiter)} (aliases {@code fz_window_split*})
 * split the string of every row of the frame as the one-row {@code split*} functions do and return
 * all pieces as one {@code list<string>}: the newest row's pieces first, each row's in their order,
 * which is the order OpenMLDB's {@code join} prints them in (test_feature_zero_function.yaml case 1).
 * A NULL string, an empty delimiter and a segment without the kv delimiter add nothing.
 *
 * <p>OpenMLDB mostly uses the list as the argument of another window aggregate
 * ({@code count}, {@code distinct_count}, {@code top1_ratio}, {@code topn_frequency}, {@code join});
 * {@link OverSplit} is that composition, fed piece by piece.
 */
public final class WindowSplit extends NamedFunction {
    private static final Set<DataType> STRING = Set.of(DataTypes.StringType);

    /** Which one-row split each row goes through. */
    public enum Kind {
        PIECES("window_split", 1),
        KEYS("window_split_by_key", 2),
        VALUES("window_split_by_value", 2);

        private final String functionName;
        private final int delimiters;

        Kind(String functionName, int delimiters) {
            this.functionName = functionName;
            this.delimiters = delimiters;
        }

        List<String> split(String s, List<String> delimiters) {
            return switch (this) {
                case PIECES -> FeatureZeroScalars.split(s, delimiters.get(0));
                case KEYS -> FeatureZeroScalars.splitByKey(s, delimiters.get(0), delimiters.get(1));
                case VALUES -> FeatureZeroScalars.splitByValue(s, delimiters.get(0), delimiters.get(1));
            };
        }
    }

    private final Kind kind;

    private WindowSplit(Kind kind) {
        super(kind.functionName, List.of("fz_" + kind.functionName),
                kind.functionName + (kind.delimiters == 1 ? "(s, delimiter)" : "(s, delimiter, kv_delimiter)")
                        + " -> list<string>",
                switch (kind) {
                    case PIECES -> "the pieces of every row's string, newest row first";
                    case KEYS -> "the keys of every row's key-value pieces, newest row first";
                    case VALUES -> "the values of every row's key-value pieces, newest row first";
                });
        this.kind = kind;
    }

    /** window_split, window_split_by_key, window_split_by_value. */
    public static List<WindowSplit> family() {
        return List.of(new WindowSplit(Kind.PIECES), new WindowSplit(Kind.KEYS), new WindowSplit(Kind.VALUES));
    }

    Kind kind() {
        return kind;
    }

    /** How many arguments a call has: the string and its delimiters. */
    int arity() {
        return 1 + kind.delimiters;
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, arity());
        for (int i = 0; i < arity(); i++) {
            ArgumentTypes.require(name(), argumentTypes, i, STRING, i == 0 ? "a string" : "a string constant");
        }
        return SqlType.STRING_LIST.sparkType();
    }

    /** The delimiters of a call, failing clearly on a NULL one (a NULL delimiter is not a split OpenMLDB defines). */
    List<String> delimiters(List<Object> constants) {
        List<String> delimiters = new ArrayList<>();
        for (Object constant : constants) {
            if (!(constant instanceof String delimiter)) {
                throw new IllegalArgumentException(name() + ": the delimiters must be string constants, got " + constant);
            }
            delimiters.add(delimiter);
        }
        return List.copyOf(delimiters);
    }

    /** The pieces one row contributes. */
    List<String> pieces(Object value, List<String> delimiters) {
        return kind.split((String) value, delimiters);
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State(this, delimiters(constants));
    }

    private static final class State implements WindowState {
        private final WindowSplit function;
        private final List<String> delimiters;
        private final ValueDeque rows = new ValueDeque();

        State(WindowSplit function, List<String> delimiters) {
            this.function = function;
            this.delimiters = delimiters;
        }

        @Override
        public void add(Object[] values) {
            rows.addNewest(function.pieces(values[0], delimiters));
        }

        @Override
        public void removeOldest(Object[] values) {
            rows.removeOldest();
        }

        @Override
        public void removeNewest(Object[] values) {
            rows.removeNewest();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object result() {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                all.addAll((List<String>) rows.fromNewest(i));
            }
            return List.copyOf(all);
        }
    }
}

package io.windrow.udf.category;

import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.KeyOrder;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OpenMLDB's aggregates by category, which print one {@code key:value} per category:
 * <ul>
 *   <li>{@code count_cate(value, category)}, {@code sum_cate}, {@code avg_cate}, {@code min_cate},
 *       {@code max_cate}: every category, keys ascending ({@code x:3,y:2});</li>
 *   <li>{@code count_cate_where(value, condition, category)} and the same for sum/avg/min/max: only
 *       rows whose condition is true;</li>
 *   <li>{@code top_n_key_count_cate_where(value, condition, category, n)} and sum/avg/min/max: the n
 *       largest keys, keys descending;</li>
 *   <li>{@code top_n_value_count_cate_where(value, condition, category, n)} and sum/avg/min/max: the
 *       n groups with the largest aggregate, by aggregate then key, both descending;</li>
 *   <li>{@code top_n_key_ratio_cate(value, condition, category, n)} and {@code top_n_value_ratio_cate}:
 *       per category, the share of rows whose condition is true.</li>
 * </ul>
 * Rows with a NULL value or a NULL category never count. A negative n means every category, n = 0
 * none ({@code ""}). Counts print as {@code %d}, sums and min/max in the value's type, averages
 * and ratios as {@code %f}; keys as {@link io.windrow.udf.support.ValueFormat}. Categories may be
 * smallint, int, bigint, date, timestamp or string; values of sum/avg/min/max must be numbers.
 * Each category's group is kept incrementally; the ordering for {@code top_n_value} is done when
 * read, over the categories in the frame (O(k log k)).
 */
public final class CategoryAggregate extends NamedFunction {
    /** What is computed per category. */
    public enum Kind { COUNT, SUM, AVG, MIN, MAX, RATIO }

    /** Which rows count and how the categories are printed. */
    public enum Shape {
        /** {@code kind_cate(value, category)}: all categories, keys ascending. */
        ALL,
        /** {@code kind_cate_where(value, condition, category)}: all categories, keys ascending. */
        WHERE,
        /** {@code top_n_key_kind_cate_where(value, condition, category, n)}: n largest keys, descending. */
        TOP_N_KEYS,
        /** {@code top_n_value_kind_cate_where(value, condition, category, n)}: n largest aggregates. */
        TOP_N_VALUES
    }

    private final Kind kind;
    private final Shape shape;

    private CategoryAggregate(Kind kind, Shape shape, String name, String signature, String description) {
        super(name, List.of(), signature, description);
        this.kind = kind;
        this.shape = shape;
    }

    /** The function of this kind and shape ({@link Kind#RATIO} exists only with the top-n shapes). */
    public static CategoryAggregate of(Kind kind, Shape shape) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        String what = switch (kind) {
            case COUNT -> "count";
            case SUM -> "sum";
            case AVG -> "mean";
            case MIN -> "minimum";
            case MAX -> "maximum";
            case RATIO -> "share of rows with a true condition";
        };
        if (kind == Kind.RATIO && (shape == Shape.ALL || shape == Shape.WHERE)) {
            throw new IllegalArgumentException("ratio exists only as top_n_key_ratio_cate / top_n_value_ratio_cate");
        }
        String suffix = kind == Kind.RATIO ? "_cate" : "_cate_where";
        return switch (shape) {
            case ALL -> new CategoryAggregate(kind, shape, k + "_cate", k + "_cate(value, category) -> string",
                    what + " of the values per category, 'key:value' joined by ',', keys ascending");
            case WHERE -> new CategoryAggregate(kind, shape, k + "_cate_where",
                    k + "_cate_where(value, condition, category) -> string",
                    what + " per category over rows whose condition is true, keys ascending");
            case TOP_N_KEYS -> new CategoryAggregate(kind, shape, "top_n_key_" + k + suffix,
                    "top_n_key_" + k + suffix + "(value, condition, category, n) -> string",
                    what + " per category" + (kind == Kind.RATIO ? "" : " over rows whose condition is true")
                            + ", for the n largest keys, keys descending");
            case TOP_N_VALUES -> new CategoryAggregate(kind, shape, "top_n_value_" + k + suffix,
                    "top_n_value_" + k + suffix + "(value, condition, category, n) -> string",
                    what + " per category" + (kind == Kind.RATIO ? "" : " over rows whose condition is true")
                            + ", for the n categories with the largest result, descending");
        };
    }

    /** All 22 functions of the family, in the order {@code windrow functions} lists them. */
    public static List<WindowFunction> family() {
        List<WindowFunction> functions = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            for (Kind kind : Kind.values()) {
                if (kind != Kind.RATIO || shape == Shape.TOP_N_KEYS || shape == Shape.TOP_N_VALUES) {
                    functions.add(of(kind, shape));
                }
            }
        }
        return functions;
    }

    private boolean hasCondition() {
        return shape != Shape.ALL;
    }

    private int categoryIndex() {
        return hasCondition() ? 2 : 1;
    }

    @Override
    public int valueArity(int argumentCount) {
        return hasCondition() ? 3 : 2;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        boolean topN = shape == Shape.TOP_N_KEYS || shape == Shape.TOP_N_VALUES;
        ArgumentTypes.requireCount(name(), argumentTypes, valueArity(argumentTypes.size()) + (topN ? 1 : 0));
        Set<DataType> values = switch (kind) {
            case COUNT, RATIO -> ArgumentTypes.ANY;
            case SUM, AVG, MIN, MAX -> ArgumentTypes.NUMERIC;
        };
        ArgumentTypes.require(name(), argumentTypes, 0, values, () -> "one of " + ArgumentTypes.describe(values));
        if (hasCondition()) {
            ArgumentTypes.requireCondition(name(), argumentTypes, 1);
        }
        ArgumentTypes.require(name(), argumentTypes, categoryIndex(), ArgumentTypes.CATEGORY,
                () -> "a category of type " + ArgumentTypes.describe(ArgumentTypes.CATEGORY));
        if (topN) {
            ArgumentTypes.requireIntegerConstant(name(), argumentTypes, 3);
        }
        return DataTypes.StringType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        int n = constants.isEmpty() ? -1 : ArgumentTypes.intConstant(name(), constants.get(0), "n");
        return new State(argumentTypes.get(0), n);
    }

    final class State implements WindowState {
        private final DataType valueType;
        /** Categories to print; negative: all. */
        private final int limit;
        private final TreeMap<Object, GroupValue> groups = new TreeMap<>(KeyOrder.INSTANCE);

        State(DataType valueType, int limit) {
            this.valueType = valueType;
            this.limit = shape == Shape.ALL || shape == Shape.WHERE ? -1 : limit;
        }

        private boolean selected(Object[] row) {
            return !hasCondition() || Boolean.TRUE.equals(row[1]);
        }

        /** Whether the row reaches its category's group at all. */
        private boolean counts(Object[] row) {
            if (row[0] == null || row[categoryIndex()] == null) {
                return false;
            }
            return kind == Kind.RATIO || selected(row);
        }

        @Override
        public void add(Object[] row) {
            if (counts(row)) {
                Object key = KeyOrder.canonical(row[categoryIndex()]);
                groups.computeIfAbsent(key, k -> GroupValue.create(kind, valueType)).add(row[0], selected(row));
            }
        }

        @Override
        public void removeOldest(Object[] row) {
            if (counts(row)) {
                Object key = KeyOrder.canonical(row[categoryIndex()]);
                GroupValue group = groups.get(key);
                if (group == null) {
                    throw new IllegalStateException(name() + ": removing a row of category " + key + " not in the frame");
                }
                group.remove(row[0], selected(row));
                if (group.rows() == 0) {
                    groups.remove(key);
                }
            }
        }

        @Override
        public void removeNewest(Object[] row) {
            removeOldest(row);
        }

        @Override
        public Object result() {
            KeyValueList out = new KeyValueList();
            if (limit == 0) {
                return out.toString();
            }
            Iterable<Map.Entry<Object, GroupValue>> ordered = switch (shape) {
                case ALL, WHERE -> groups.entrySet();
                case TOP_N_KEYS -> groups.descendingMap().entrySet();
                case TOP_N_VALUES -> byValueDescending();
            };
            int printed = 0;
            for (Map.Entry<Object, GroupValue> entry : ordered) {
                if (limit >= 0 && printed >= limit) {
                    break;
                }
                if (!out.add(entry.getKey(), entry.getValue().text())) {
                    break;
                }
                printed++;
            }
            return out.toString();
        }

        private List<Map.Entry<Object, GroupValue>> byValueDescending() {
            List<Map.Entry<Object, GroupValue>> entries = new ArrayList<>(groups.entrySet());
            Comparator<Map.Entry<Object, GroupValue>> byValue =
                    (a, b) -> KeyOrder.INSTANCE.compare(a.getValue().rankValue(), b.getValue().rankValue());
            Comparator<Map.Entry<Object, GroupValue>> byKey = (a, b) -> KeyOrder.INSTANCE.compare(a.getKey(), b.getKey());
            entries.sort(byValue.thenComparing(byKey).reversed());
            return entries;
        }
    }
}

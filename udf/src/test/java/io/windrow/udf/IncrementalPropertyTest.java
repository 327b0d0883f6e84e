package io.windrow.udf;

import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.ShortType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property test: for every function of the registry, random sequences of add / removeOldest /
 * removeNewest (values from small domains, so NULLs, ties and repeated keys are frequent) must give
 * after every step (1) what a fresh state fed only the rows now in the frame gives, and (2) for the
 * core functions, what an independent naive computation over the frame's rows gives.
 */
class IncrementalPropertyTest {
    private static final int SEQUENCES = 20;
    private static final int STEPS = 120;

    private record Call(String function, List<DataType> types, List<Object> constants,
            List<Supplier<Object>> columns, Function<List<Object[]>, Object> naive) {}

    private final Random random = new Random(20261122L);

    private Supplier<Object> pick(Object... domain) {
        return () -> domain[random.nextInt(domain.length)];
    }

    private Supplier<Object> ints() {
        return pick(null, 0, 1, 2, 3, 4, 4, -7);
    }

    private Supplier<Object> doubles() {
        // Multiples of 1/4: every sum is exact, so incremental and fresh sums must agree to the bit.
        return pick(null, 0.25, 1.5, -2.0, 0.0, -0.0, 3.75);
    }

    private Supplier<Object> strings() {
        return pick(null, "", "a", "b", "B", "a", "\uFF5E");
    }

    private Supplier<Object> conditions() {
        return pick(null, true, false, true);
    }

    private Supplier<Object> timestamps() {
        return pick(null, new Timestamp(0L), new Timestamp(1590738990000L), new Timestamp(1590738992000L));
    }

    private Supplier<Object> dates() {
        return pick(null, Date.valueOf("2020-05-01"), Date.valueOf("2020-05-02"));
    }

    private static List<Object> column(List<Object[]> rows, int index) {
        List<Object> values = new ArrayList<>();
        rows.forEach(row -> values.add(row[index]));
        return values;
    }

    private static List<Object> nonNull(List<Object[]> rows, int index) {
        return column(rows, index).stream().filter(Objects::nonNull).collect(Collectors.toList());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> NATURAL = (a, b) -> ((Comparable) a).compareTo(b);

    private static Object topN(List<Object[]> rows, int n) {
        if (rows.isEmpty()) {
            return "";
        }
        Map<Object, Integer> counts = new HashMap<>();
        nonNull(rows, 0).forEach(v -> counts.merge(v, 1, Integer::sum));
        List<Object> keys = counts.keySet().stream()
                .sorted(Comparator.<Object>comparingInt(counts::get).reversed().thenComparing(NATURAL))
                .limit(n).collect(Collectors.toList());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i < keys.size() ? keys.get(i).toString() : "NULL");
        }
        return String.join(",", out);
    }

    private static Object countCate(List<Object[]> rows, boolean where) {
        TreeMap<Object, Integer> counts = new TreeMap<>(NATURAL);
        int cat = where ? 2 : 1;
        for (Object[] row : rows) {
            if (row[0] != null && row[cat] != null && (!where || Boolean.TRUE.equals(row[1]))) {
                counts.merge(row[cat], 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    private static Object sumCateWhereTopValue(List<Object[]> rows, int n) {
        Map<Object, Integer> sums = new HashMap<>();
        for (Object[] row : rows) {
            if (row[0] != null && row[2] != null && Boolean.TRUE.equals(row[1])) {
                sums.merge(row[2], (Integer) row[0], Integer::sum);
            }
        }
        return sums.entrySet().stream()
                .sorted(Map.Entry.<Object, Integer>comparingByValue().thenComparing(e -> e.getKey(), NATURAL).reversed())
                .limit(n).map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    private List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("count", List.of(StringType), List.of(), List.of(strings()), rows -> (long) nonNull(rows, 0).size()));
        calls.add(new Call("sum", List.of(IntegerType), List.of(), List.of(ints()), rows -> nonNull(rows, 0).stream()
                .map(v -> (Integer) v).reduce(Integer::sum).orElse(null)));
        calls.add(new Call("sum", List.of(DoubleType), List.of(), List.of(doubles()), rows -> nonNull(rows, 0).stream()
                .map(v -> (Double) v).reduce(Double::sum).map(d -> d + 0.0).orElse(null)));
        calls.add(new Call("sum", List.of(ShortType), List.of(), List.of(pick(null, (short) 1, (short) 30000)), null));
        calls.add(new Call("sum", List.of(TimestampType), List.of(), List.of(timestamps()), null));
        calls.add(new Call("avg", List.of(LongType), List.of(), List.of(pick(null, 1L, 2L, 5L)), rows -> {
            List<Object> v = nonNull(rows, 0);
            return v.isEmpty() ? null : v.stream().mapToLong(x -> (Long) x).sum() / (double) v.size();
        }));
        calls.add(new Call("avg", List.of(DoubleType), List.of(), List.of(doubles()), null));
        calls.add(new Call("min", List.of(StringType), List.of(), List.of(strings()),
                rows -> nonNull(rows, 0).stream().min(NATURAL).orElse(null)));
        calls.add(new Call("max", List.of(IntegerType), List.of(), List.of(ints()),
                rows -> nonNull(rows, 0).stream().max(NATURAL).orElse(null)));
        calls.add(new Call("min", List.of(DateType), List.of(), List.of(dates()), null));
        calls.add(new Call("max", List.of(TimestampType), List.of(), List.of(timestamps()), null));
        calls.add(new Call("distinct_count", List.of(IntegerType), List.of(), List.of(ints()),
                rows -> (long) column(rows, 0).stream().map(v -> v == null ? 0 : v).collect(Collectors.toSet()).size()));
        calls.add(new Call("distinct_count", List.of(BooleanType), List.of(), List.of(conditions()), null));
        calls.add(new Call("distinct_count", List.of(TimestampType), List.of(), List.of(timestamps()), null));
        calls.add(new Call("distinct_count", List.of(DateType), List.of(), List.of(dates()), null));
        calls.add(new Call("topn_frequency", List.of(IntegerType, IntegerType), List.of(3), List.of(ints()),
                rows -> topN(rows, 3)));
        calls.add(new Call("topn_frequency", List.of(StringType, IntegerType), List.of(2), List.of(pick(null, "a", "b", "c")),
                rows -> topN(rows, 2)));
        calls.add(new Call("top1_ratio", List.of(IntegerType), List.of(), List.of(ints()), rows -> {
            Map<Object, Integer> counts = new HashMap<>();
            nonNull(rows, 0).forEach(v -> counts.merge(v, 1, Integer::sum));
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            return total == 0 ? 0.0 : (double) counts.values().stream().max(Integer::compare).get() / total;
        }));
        calls.add(new Call("count_where", List.of(IntegerType, BooleanType), List.of(), List.of(ints(), conditions()),
                rows -> rows.stream().filter(r -> r[0] != null && Boolean.TRUE.equals(r[1])).count()));
        calls.add(new Call("sum_where", List.of(IntegerType, BooleanType), List.of(), List.of(ints(), conditions()), null));
        calls.add(new Call("avg_where", List.of(DoubleType, BooleanType), List.of(), List.of(doubles(), conditions()), null));
        calls.add(new Call("min_where", List.of(IntegerType, BooleanType), List.of(), List.of(ints(), conditions()), null));
        calls.add(new Call("max_where", List.of(DoubleType, BooleanType), List.of(), List.of(doubles(), conditions()), null));
        calls.add(new Call("median", List.of(IntegerType), List.of(), List.of(ints()), rows -> {
            List<Integer> v = nonNull(rows, 0).stream().map(x -> (Integer) x).sorted().toList();
            if (v.isEmpty()) {
                return null;
            }
            int m = v.size() / 2;
            return v.size() % 2 == 1 ? (double) v.get(m) : (v.get(m - 1) + v.get(m)) / 2.0;
        }));
        calls.add(new Call("median", List.of(DoubleType), List.of(), List.of(doubles()), null));
        calls.add(new Call("entropy", List.of(StringType), List.of(), List.of(strings()), null));
        calls.add(new Call("ew_avg", List.of(DoubleType, DoubleType), List.of(0.3), List.of(doubles()), null));
        calls.add(new Call("drawdown", List.of(IntegerType), List.of(), List.of(pick(null, 1, 5, 3, 8)), null));
        calls.add(new Call("lag", List.of(IntegerType, IntegerType), List.of(1), List.of(ints()),
                rows -> rows.size() > 1 ? rows.get(rows.size() - 2)[0] : null));
        calls.add(new Call("at", List.of(StringType, IntegerType), List.of(0), List.of(strings()),
                rows -> rows.isEmpty() ? null : rows.get(rows.size() - 1)[0]));
        calls.add(new Call("first_value", List.of(IntegerType), List.of(), List.of(ints()),
                rows -> rows.isEmpty() ? null : rows.get(0)[0]));
        calls.add(new Call("first_value", List.of(IntegerType, BooleanType), List.of(true), List.of(ints()),
                rows -> nonNull(rows, 0).stream().findFirst().orElse(null)));
        calls.add(new Call("last_value", List.of(IntegerType, BooleanType), List.of(true), List.of(ints()),
                rows -> nonNull(rows, 0).stream().reduce((a, b) -> b).orElse(null)));
        calls.add(new Call("count_cate", List.of(IntegerType, StringType), List.of(), List.of(ints(), pick(null, "x", "y", "z")),
                rows -> countCate(rows, false)));
        calls.add(new Call("count_cate_where", List.of(IntegerType, BooleanType, StringType), List.of(),
                List.of(ints(), conditions(), pick(null, "x", "y", "z")), rows -> countCate(rows, true)));
        calls.add(new Call("top_n_value_sum_cate_where", List.of(IntegerType, BooleanType, StringType, IntegerType),
                List.of(2), List.of(ints(), conditions(), pick(null, "x", "y", "z")), rows -> sumCateWhereTopValue(rows, 2)));
        calls.add(new Call("nth_value_where", List.of(IntegerType, IntegerType, BooleanType), List.of(),
                List.of(ints(), pick(-2), conditions()), rows -> {
                    List<Object> matched = rows.stream().filter(r -> Boolean.TRUE.equals(r[2])).map(r -> r[0]).toList();
                    return matched.size() < 2 ? null : matched.get(matched.size() - 2);
                }));
        calls.add(new Call("nth_value_where", List.of(StringType, IntegerType, BooleanType), List.of(),
                List.of(strings(), pick(3), conditions()), null));
        Supplier<Object> lists = pick(null, "", ",", "a,b", "k1:v1,k2:v2", "x:1:2,,y", "k1:v3");
        calls.add(new Call("window_split", List.of(StringType, StringType), List.of(","), List.of(lists), rows -> {
            List<String> all = new ArrayList<>();
            for (int i = rows.size() - 1; i >= 0; i--) {
                if (rows.get(i)[0] != null) {
                    all.addAll(List.of(((String) rows.get(i)[0]).split(",", -1)));
                }
            }
            return all;
        }));
        calls.add(new Call("window_split_by_key", List.of(StringType, StringType, StringType), List.of(",", ":"),
                List.of(lists), null));
        calls.add(new Call("window_split_by_value", List.of(StringType, StringType, StringType), List.of(",", ":"),
                List.of(lists), null));
        // Aggregates over a split list: the same frame checks through OverSplit's piece feeding.
        calls.add(new Call("join(window_split)", List.of(StringType, StringType, StringType), List.of(",", "|"),
                List.of(lists), rows -> {
                    List<String> pieces = new ArrayList<>();
                    for (int i = rows.size() - 1; i >= 0; i--) {
                        if (rows.get(i)[0] != null) {
                            pieces.addAll(List.of(((String) rows.get(i)[0]).split(",", -1)));
                        }
                    }
                    return String.join("|", pieces);
                }));
        calls.add(new Call("distinct_count(window_split_by_key)", List.of(StringType, StringType, StringType),
                List.of(",", ":"), List.of(lists), null));
        calls.add(new Call("topn_frequency(window_split_by_value)", List.of(StringType, StringType, StringType, IntegerType),
                List.of(",", ":", 2), List.of(lists), null));
        Set<String> covered = new HashSet<>();
        calls.forEach(c -> covered.add(c.function()));
        // Every other function of the family, generic shape, checked against a fresh state.
        for (WindowFunction f : FunctionRegistry.standard().all()) {
            if (covered.contains(f.name())) {
                continue;
            }
            String name = f.name();
            boolean ratio = name.contains("ratio");
            if (name.endsWith("_cate")) {
                calls.add(new Call(name, ratio ? List.of(IntegerType, BooleanType, StringType, IntegerType)
                        : List.of(DoubleType, StringType), ratio ? List.of(2) : List.of(),
                        ratio ? List.of(ints(), conditions(), pick(null, "x", "y")) : List.of(doubles(), pick(null, "x", "y")),
                        null));
            } else if (name.endsWith("_cate_where") && name.startsWith("top_n")) {
                calls.add(new Call(name, List.of(IntegerType, BooleanType, LongType, IntegerType), List.of(2),
                        List.of(ints(), conditions(), pick(null, 1L, 2L, 3L)), null));
            } else if (name.endsWith("_cate_where")) {
                calls.add(new Call(name, List.of(DoubleType, BooleanType, DateType), List.of(),
                        List.of(doubles(), conditions(), dates()), null));
            } else if (!name.equals("at")) {
                throw new AssertionError("no property-test call for " + name);
            }
        }
        return calls;
    }

    @Test
    void incrementalStatesMatchRecomputation() {
        List<Call> calls = calls();
        Set<String> tested = new HashSet<>();
        for (Call call : calls) {
            String[] overSplit = call.function().split("[()]");
            WindowFunction function = overSplit.length == 2
                    ? FunctionRegistry.standard().lookupOverSplit(overSplit[0], overSplit[1]).orElseThrow()
                    : FunctionRegistry.standard().lookup(call.function()).orElseThrow();
            function.resultType(call.types());
            for (int sequence = 0; sequence < SEQUENCES; sequence++) {
                WindowState state = function.newState(call.types(), call.constants());
                List<Object[]> frame = new ArrayList<>();
                for (int step = 0; step < STEPS; step++) {
                    int op = random.nextInt(10);
                    if (frame.isEmpty() || op < 5) {
                        Object[] row = new Object[call.columns().size()];
                        for (int c = 0; c < row.length; c++) {
                            row[c] = call.columns().get(c).get();
                        }
                        frame.add(row);
                        state.add(row.clone());
                    } else if (op < 8) {
                        state.removeOldest(frame.remove(0).clone());
                    } else {
                        state.removeNewest(frame.remove(frame.size() - 1).clone());
                    }
                    WindowState fresh = function.newState(call.types(), call.constants());
                    frame.forEach(row -> fresh.add(row.clone()));
                    Object actual = state.result();
                    assertThat(actual).as("%s%s after step %d of sequence %d, frame of %d rows", call.function(),
                            call.types(), step, sequence, frame.size()).isEqualTo(fresh.result());
                    if (call.naive() != null) {
                        assertThat(actual).as("%s%s vs naive, frame %s", call.function(), call.types(),
                                frame.stream().map(java.util.Arrays::toString).toList())
                                .isEqualTo(call.naive().apply(frame));
                    }
                }
            }
            tested.add(function.name());
        }
        assertThat(tested).containsAll(FunctionRegistry.standard().all().stream().map(WindowFunction::name).toList());
    }
}

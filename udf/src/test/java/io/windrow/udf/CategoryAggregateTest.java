package io.windrow.udf;

import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.windrow.udf.WindowRunner.columns;
import static io.windrow.udf.YamlData.C10;
import static io.windrow.udf.YamlData.C2;
import static io.windrow.udf.YamlData.C3;
import static io.windrow.udf.YamlData.C4;
import static io.windrow.udf.YamlData.C5;
import static io.windrow.udf.YamlData.C6;
import static io.windrow.udf.YamlData.date;
import static io.windrow.udf.YamlData.ts;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.ShortType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The *_cate family against OpenMLDB's yaml cases 20-24 (*_cate), 27-31 (*_cate_where), 34-38
 * (top_n_key_*_cate_where, n = 1), 62 (top_n_value_*_cate_where), 66 (ratio) and the type errors of
 * 25, 26, 32, 33, 39, 40. Every case runs with each of the six category columns of the yaml's
 * dataProvider; expectations are written for the smallint keys 1 and 2 and re-keyed.
 */
class CategoryAggregateTest {
    private static final DataType[] VALUE_TYPES = {ShortType, IntegerType, LongType, FloatType, DoubleType};
    private static final Object[][] VALUES = {C2, C3, C4, C5, C6};

    /** The yaml's category providers: {1}.c2, c3, c4, c7, c8, c9 after the last join on id. */
    private record Keys(DataType type, Object[] column, String first, String second) {}

    private static final List<Keys> KEYS = List.of(
            new Keys(ShortType, new Object[] {(short) 1, (short) 1, (short) 2, null}, "1", "2"),
            new Keys(IntegerType, new Object[] {1, 1, 2, null}, "1", "2"),
            new Keys(LongType, new Object[] {30L, 30L, 32L, null}, "30", "32"),
            new Keys(TimestampType, new Object[] {ts(1590738990000L), ts(1590738990000L), ts(1590738992000L), null},
                    "2020-05-29 15:56:30", "2020-05-29 15:56:32"),
            new Keys(DateType, new Object[] {date("2020-05-01"), date("2020-05-01"), date("2020-05-02"), null},
                    "2020-05-01", "2020-05-02"),
            new Keys(StringType, new Object[] {"a", "a", "b", null}, "a", "b"));

    private static String rekey(String expected, Keys keys) {
        if (expected.isEmpty()) {
            return expected;
        }
        return Arrays.stream(expected.split(",")).map(entry -> {
            int colon = entry.indexOf(':');
            String key = entry.substring(0, colon);
            String mapped = key.equals("1") ? keys.first() : keys.second();
            return mapped + entry.substring(colon);
        }).collect(Collectors.joining(","));
    }

    /** Checks one function for the five value columns (rows of expectations per column). */
    private static void check(String function, boolean where, Integer n, String[][] expectedPerColumn) {
        for (Keys keys : KEYS) {
            for (int c = 0; c < VALUE_TYPES.length; c++) {
                List<DataType> types = new ArrayList<>();
                types.add(VALUE_TYPES[c]);
                if (where) {
                    types.add(BooleanType);
                }
                types.add(keys.type());
                List<Object> constants = new ArrayList<>();
                if (n != null) {
                    types.add(IntegerType);
                    constants.add(n);
                }
                List<Object[]> rows = where ? columns(VALUES[c], C10, keys.column()) : columns(VALUES[c], keys.column());
                List<Object> actual = WindowRunner.rows(function, types, constants, 2, rows);
                List<String> expected = Arrays.stream(expectedPerColumn[c]).map(e -> rekey(e, keys)).toList();
                assertThat(actual).as("%s(%s) by %s", function, VALUE_TYPES[c].sql(), keys.type().sql())
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void maxCateCase20() {
        check("max_cate", false, null, new String[][] {
                {"1:1", "1:4", "1:4,2:3", "1:4,2:3"},
                {"1:1", "1:4", "1:4,2:3", "1:4,2:3"},
                {"1:30", "1:33", "1:33,2:32", "1:33,2:32"},
                {"1:1.100000", "1:1.400000", "1:1.400000,2:1.300000", "1:1.400000,2:1.300000"},
                {"1:2.100000", "1:2.400000", "1:2.400000,2:2.300000", "1:2.400000,2:2.300000"}});
    }

    @Test
    void minCateCase21() {
        check("min_cate", false, null, new String[][] {
                {"1:1", "1:1", "1:1,2:3", "1:4,2:3"},
                {"1:1", "1:1", "1:1,2:3", "1:4,2:3"},
                {"1:30", "1:30", "1:30,2:32", "1:33,2:32"},
                {"1:1.100000", "1:1.100000", "1:1.100000,2:1.300000", "1:1.400000,2:1.300000"},
                {"1:2.100000", "1:2.100000", "1:2.100000,2:2.300000", "1:2.400000,2:2.300000"}});
    }

    @Test
    void countCateCase22() {
        String[] counts = {"1:1", "1:2", "1:2,2:1", "1:1,2:1"};
        check("count_cate", false, null, new String[][] {counts, counts, counts, counts, counts});
    }

    @Test
    void sumCateCase23() {
        check("sum_cate", false, null, new String[][] {
                {"1:1", "1:5", "1:5,2:3", "1:4,2:3"},
                {"1:1", "1:5", "1:5,2:3", "1:4,2:3"},
                {"1:30", "1:63", "1:63,2:32", "1:33,2:32"},
                {"1:1.100000", "1:2.500000", "1:2.500000,2:1.300000", "1:1.400000,2:1.300000"},
                {"1:2.100000", "1:4.500000", "1:4.500000,2:2.300000", "1:2.400000,2:2.300000"}});
    }

    @Test
    void avgCateCase24() {
        check("avg_cate", false, null, new String[][] {
                {"1:1.000000", "1:2.500000", "1:2.500000,2:3.000000", "1:4.000000,2:3.000000"},
                {"1:1.000000", "1:2.500000", "1:2.500000,2:3.000000", "1:4.000000,2:3.000000"},
                {"1:30.000000", "1:31.500000", "1:31.500000,2:32.000000", "1:33.000000,2:32.000000"},
                {"1:1.100000", "1:1.250000", "1:1.250000,2:1.300000", "1:1.400000,2:1.300000"},
                {"1:2.100000", "1:2.250000", "1:2.250000,2:2.300000", "1:2.400000,2:2.300000"}});
    }

    private static final String[][] SINGLE_WHERE = {
            {"1:1", "1:1", "1:1,2:3", "2:3"},
            {"1:1", "1:1", "1:1,2:3", "2:3"},
            {"1:30", "1:30", "1:30,2:32", "2:32"},
            {"1:1.100000", "1:1.100000", "1:1.100000,2:1.300000", "2:1.300000"},
            {"1:2.100000", "1:2.100000", "1:2.100000,2:2.300000", "2:2.300000"}};

    @Test
    void cateWhereCases27To31() {
        check("max_cate_where", true, null, SINGLE_WHERE);
        check("min_cate_where", true, null, SINGLE_WHERE);
        check("sum_cate_where", true, null, SINGLE_WHERE);
        String[] counts = {"1:1", "1:1", "1:1,2:1", "2:1"};
        check("count_cate_where", true, null, new String[][] {counts, counts, counts, counts, counts});
        check("avg_cate_where", true, null, new String[][] {
                {"1:1.000000", "1:1.000000", "1:1.000000,2:3.000000", "2:3.000000"},
                {"1:1.000000", "1:1.000000", "1:1.000000,2:3.000000", "2:3.000000"},
                {"1:30.000000", "1:30.000000", "1:30.000000,2:32.000000", "2:32.000000"},
                {"1:1.100000", "1:1.100000", "1:1.100000,2:1.300000", "2:1.300000"},
                {"1:2.100000", "1:2.100000", "1:2.100000,2:2.300000", "2:2.300000"}});
    }

    @Test
    void topNKeyCateWhereCases34To38() {
        String[][] single = {
                {"1:1", "1:1", "2:3", "2:3"},
                {"1:1", "1:1", "2:3", "2:3"},
                {"1:30", "1:30", "2:32", "2:32"},
                {"1:1.100000", "1:1.100000", "2:1.300000", "2:1.300000"},
                {"1:2.100000", "1:2.100000", "2:2.300000", "2:2.300000"}};
        check("top_n_key_max_cate_where", true, 1, single);
        check("top_n_key_min_cate_where", true, 1, single);
        check("top_n_key_sum_cate_where", true, 1, single);
        check("top_n_key_avg_cate_where", true, 1, new String[][] {
                {"1:1.000000", "1:1.000000", "2:3.000000", "2:3.000000"},
                {"1:1.000000", "1:1.000000", "2:3.000000", "2:3.000000"},
                {"1:30.000000", "1:30.000000", "2:32.000000", "2:32.000000"},
                {"1:1.100000", "1:1.100000", "2:1.300000", "2:1.300000"},
                {"1:2.100000", "1:2.100000", "2:2.300000", "2:2.300000"}});
        String[] counts = {"1:1", "1:1", "2:1", "2:1"};
        check("top_n_key_count_cate_where", true, 1, new String[][] {counts, counts, counts, counts, counts});
    }

    private static List<Object> runTopN(String function, List<DataType> types, int n, int preceding,
            List<Object[]> rows) {
        List<DataType> all = new ArrayList<>(types);
        all.add(IntegerType);
        return WindowRunner.rows(function, all, List.of(n), preceding, rows);
    }

    @Test
    void topNValueCateWhereCase62() {
        // rows_range 10s over one partition: all seven rows stay in the frame.
        Object[] id = {0, 1, 2, 3, 4, 5, 6};
        Object[] col1 = {1, 2, 3, 4, null, 5, 5};
        Object[] col2 = {(short) 55, (short) 55, (short) 55, (short) 55, (short) 55, (short) 55, (short) 55};
        Object[] col3 = {"g1", null, "g2", "g1", "g2", "g2", "g2"};
        Object[] col4 = {2.0, 2.0, null, 4.0, 4.0, 4.0, 1.0};
        Boolean[] col1Not5 = {true, true, true, true, null, false, false};
        Boolean[] longName = {true, null, true, true, true, true, true};
        Boolean[] idPositive = {false, true, true, true, true, true, true};
        Boolean[] idNot6 = {true, true, true, true, true, true, false};
        Boolean[] always = {true, true, true, true, true, true, true};
        assertThat(runTopN("top_n_value_count_cate_where", List.of(StringType, BooleanType, StringType), 1, 10,
                columns(col3, col1Not5, col3)))
                .containsExactly("g1:1", "g1:1", "g2:1", "g1:2", "g1:2", "g1:2", "g1:2");
        assertThat(runTopN("top_n_value_min_cate_where", List.of(IntegerType, BooleanType, StringType), 1, 10,
                columns(col1, longName, col3)))
                .containsExactly("g1:1", "g1:1", "g2:3", "g2:3", "g2:3", "g2:3", "g2:3");
        assertThat(runTopN("top_n_value_max_cate_where", List.of(DoubleType, BooleanType, StringType), 2, 10,
                columns(col4, idPositive, col3)))
                .containsExactly("", "", "", "g1:4.000000", "g2:4.000000,g1:4.000000", "g2:4.000000,g1:4.000000",
                        "g2:4.000000,g1:4.000000");
        assertThat(runTopN("top_n_value_sum_cate_where", List.of(IntegerType, BooleanType, ShortType), 1, 10,
                columns(col1, idNot6, col2)))
                .containsExactly("55:1", "55:3", "55:6", "55:10", "55:10", "55:15", "55:15");
        assertThat(runTopN("top_n_value_avg_cate_where", List.of(DoubleType, BooleanType, IntegerType), 3, 10,
                columns(col4, always, col1)))
                .containsExactly("1:2.000000", "2:2.000000,1:2.000000", "2:2.000000,1:2.000000",
                        "4:4.000000,2:2.000000,1:2.000000", "4:4.000000,2:2.000000,1:2.000000",
                        "5:4.000000,4:4.000000,2:2.000000", "4:4.000000,5:2.500000,2:2.000000");
        assertThat(id).hasSize(7);
    }

    @Test
    void ratioCateCase66() {
        // rows_range between 10s and 1s preceding: the frame is every earlier row.
        Object[] val = {200, 300, 200, 10, 101, 101};
        Object[] cate = {"a", "b", null, "b", "c", "c"};
        Boolean[] over100 = {true, true, true, false, true, true};
        List<String> byValue = new ArrayList<>();
        List<String> byKey = new ArrayList<>();
        List<String> byValueAll = new ArrayList<>();
        List<String> byKeyAll = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<DataType> types = List.of(IntegerType, BooleanType, StringType, IntegerType);
        for (int current = 0; current < val.length; current++) {
            List<Object[]> earlier = columns(Arrays.copyOf(val, current), Arrays.copyOf(over100, current),
                    Arrays.copyOf(cate, current));
            byValue.add(frame("top_n_value_ratio_cate", types, 2, earlier));
            byKey.add(frame("top_n_key_ratio_cate", types, 2, earlier));
            byValueAll.add(frame("top_n_value_ratio_cate", types, -1, earlier));
            byKeyAll.add(frame("top_n_key_ratio_cate", types, -2, earlier));
            empty.add(frame("top_n_value_ratio_cate", types, 0, earlier) + frame("top_n_key_ratio_cate", types, 0, earlier));
        }
        assertThat(byValue).containsExactly("", "a:1.000000", "b:1.000000,a:1.000000", "b:1.000000,a:1.000000",
                "a:1.000000,b:0.500000", "c:1.000000,a:1.000000");
        assertThat(byKey).containsExactly("", "a:1.000000", "b:1.000000,a:1.000000", "b:1.000000,a:1.000000",
                "b:0.500000,a:1.000000", "c:1.000000,b:0.500000");
        assertThat(byValueAll).containsExactly("", "a:1.000000", "b:1.000000,a:1.000000", "b:1.000000,a:1.000000",
                "a:1.000000,b:0.500000", "c:1.000000,a:1.000000,b:0.500000");
        assertThat(byKeyAll).containsExactly("", "a:1.000000", "b:1.000000,a:1.000000", "b:1.000000,a:1.000000",
                "b:0.500000,a:1.000000", "c:1.000000,b:0.500000,a:1.000000");
        assertThat(empty).containsOnly("");
    }

    private static String frame(String function, List<DataType> types, int n, List<Object[]> rows) {
        WindowState state = FunctionRegistry.standard().lookup(function).orElseThrow().newState(types, List.of(n));
        rows.forEach(state::add);
        return (String) state.result();
    }

    @Test
    void typeErrorsCases25_26_32_33_39_40() {
        FunctionRegistry registry = FunctionRegistry.standard();
        for (String f : List.of("avg_cate", "sum_cate", "max_cate", "min_cate", "count_cate")) {
            for (DataType badKey : List.of(FloatType, DoubleType, BooleanType)) {
                assertThatThrownBy(() -> registry.lookup(f).orElseThrow().resultType(List.of(IntegerType, badKey)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(f).hasMessageContaining("category");
                assertThatThrownBy(() -> registry.lookup(f + "_where").orElseThrow()
                        .resultType(List.of(IntegerType, BooleanType, badKey))).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> registry.lookup("top_n_key_" + f + "_where").orElseThrow()
                        .resultType(List.of(IntegerType, BooleanType, badKey, IntegerType)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        for (String f : List.of("avg_cate", "sum_cate", "max_cate", "min_cate")) {
            for (DataType badValue : List.of(TimestampType, DateType, StringType, BooleanType)) {
                assertThatThrownBy(() -> registry.lookup(f).orElseThrow().resultType(List.of(badValue, IntegerType)))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> registry.lookup("top_n_key_" + f + "_where").orElseThrow()
                        .resultType(List.of(badValue, BooleanType, IntegerType, IntegerType)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        // top_n_key_count_cate_where takes any value type.
        assertThat(registry.lookup("top_n_key_count_cate_where").orElseThrow()
                .resultType(List.of(StringType, BooleanType, IntegerType, IntegerType))).isEqualTo(StringType);
    }

    @Test
    void outputStopsBefore4096Bytes() {
        WindowFunction f = FunctionRegistry.standard().lookup("count_cate").orElseThrow();
        WindowState state = f.newState(List.of(IntegerType, StringType), List.of());
        for (int i = 0; i < 1000; i++) {
            state.add(new Object[] {1, String.format("key%04d", i)});
        }
        String out = (String) state.result();
        // Each entry "keyNNNN:1" is 9 bytes plus a separator: 409 entries fit in 4096.
        assertThat(out.split(",")).hasSize(409);
        assertThat(out.length()).isLessThan(4096);
    }
}

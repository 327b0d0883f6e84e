package io.windrow.udf;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.windrow.udf.WindowRunner.column;
import static io.windrow.udf.WindowRunner.columns;
import static io.windrow.udf.YamlData.C10;
import static io.windrow.udf.YamlData.C2;
import static io.windrow.udf.YamlData.C3;
import static io.windrow.udf.YamlData.C4;
import static io.windrow.udf.YamlData.C5;
import static io.windrow.udf.YamlData.C6;
import static io.windrow.udf.YamlData.C7;
import static io.windrow.udf.YamlData.C8;
import static io.windrow.udf.YamlData.C9;
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
import static org.assertj.core.api.Assertions.within;

/** count, sum, avg, min, max, distinct_count and the *_where forms against OpenMLDB's yaml cases 0-18, 45, 53-55. */
class BasicAggregatesTest {
    private static List<Object> run(String function, DataType type, Object[] values) {
        return WindowRunner.rows(function, List.of(type), List.of(), 2, column(values));
    }

    private static List<Object> runWhere(String function, DataType type, Object[] values, Object[] conditions) {
        return WindowRunner.rows(function, List.of(type, BooleanType), List.of(), 2, columns(values, conditions));
    }

    private static void assertDoubles(List<Object> actual, Double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == null) {
                assertThat(actual.get(i)).as("row %d", i).isNull();
            } else {
                // Float results may differ from OpenMLDB's float-by-float accumulation by an ulp.
                double tolerance = actual.get(i) instanceof Float ? 1e-6 : 1e-9;
                assertThat(((Number) actual.get(i)).doubleValue()).as("row %d", i)
                        .isCloseTo(expected[i], within(Math.abs(expected[i]) * tolerance + 1e-12));
            }
        }
    }

    @Test
    void maxOfEveryTypeCase0() {
        assertThat(run("max", ShortType, C2)).containsExactly((short) 1, (short) 4, (short) 4, (short) 4);
        assertThat(run("max", IntegerType, C3)).containsExactly(1, 4, 4, 4);
        assertThat(run("max", LongType, C4)).containsExactly(30L, 33L, 33L, 33L);
        assertThat(run("max", FloatType, C5)).containsExactly(1.1f, 1.4f, 1.4f, 1.4f);
        assertThat(run("max", DoubleType, C6)).containsExactly(2.1, 2.4, 2.4, 2.4);
        assertThat(run("max", TimestampType, C7)).containsExactly(C7);
        assertThat(run("max", DateType, C8)).containsExactly(date("2020-05-01"), date("2020-05-03"),
                date("2020-05-03"), date("2020-05-03"));
        assertThat(run("max", StringType, C9)).containsExactly("a", "c", "c", "c");
    }

    @Test
    void minOfEveryTypeCase1() {
        assertThat(run("min", ShortType, C2)).containsExactly((short) 1, (short) 1, (short) 1, (short) 3);
        assertThat(run("min", LongType, C4)).containsExactly(30L, 30L, 30L, 32L);
        assertThat(run("min", FloatType, C5)).containsExactly(1.1f, 1.1f, 1.1f, 1.3f);
        assertThat(run("min", TimestampType, C7)).containsExactly(C7[0], C7[0], C7[0], C7[1]);
        assertThat(run("min", DateType, C8)).containsExactly(date("2020-05-01"), date("2020-05-01"),
                date("2020-05-01"), date("2020-05-02"));
        assertThat(run("min", StringType, C9)).containsExactly("a", "a", "a", "b");
    }

    @Test
    void minAndMaxOfHistoryOnlyEmptyFramesAreNullCases54And55() {
        // ROWS BETWEEN 4 PRECEDING AND 2 PRECEDING: the first two rows see an empty frame.
        WindowFunction max = FunctionRegistry.standard().lookup("MAX").orElseThrow();
        WindowState state = max.newState(List.of(IntegerType), List.of());
        assertThat(state.result()).isNull();
        state.add(new Object[] {1});
        assertThat(state.result()).isEqualTo(1);
        state.removeOldest(new Object[] {1});
        assertThat(state.result()).isNull();
    }

    @Test
    void countSkipsNullsCase2And6() {
        assertThat(run("count", ShortType, C2)).containsExactly(1L, 2L, 3L, 2L);
        assertThat(run("count", TimestampType, C7)).containsExactly(1L, 2L, 3L, 3L);
        assertThat(run("count", StringType, C9)).containsExactly(1L, 2L, 3L, 2L);
        assertThat(run("count", BooleanType, C10)).containsExactly(1L, 2L, 3L, 2L);
    }

    @Test
    void sumKeepsTheArgumentTypeCase3() {
        assertThat(run("sum", ShortType, C2)).containsExactly((short) 1, (short) 5, (short) 8, (short) 7);
        assertThat(run("sum", IntegerType, C3)).containsExactly(1, 5, 8, 7);
        assertThat(run("sum", LongType, C4)).containsExactly(30L, 63L, 95L, 65L);
        List<Object> floats = run("sum", FloatType, C5);
        assertThat(floats).allSatisfy(v -> assertThat(v).isInstanceOf(Float.class));
        assertDoubles(floats, (double) 1.1f, (double) 2.5f, (double) 3.8f, (double) 2.7f);
        assertDoubles(run("sum", DoubleType, C6), 2.1, 4.5, 6.8, 4.7);
        assertThat(FunctionRegistry.standard().lookup("sum").orElseThrow().resultType(List.of(ShortType)))
                .isEqualTo(ShortType);
    }

    @Test
    void sumOfTimestampsIsATimestampCase7() {
        Object[] c3 = {ts(1590738990000L), ts(1590738991000L), ts(1590738992000L), null};
        assertThat(run("sum", TimestampType, c3)).containsExactly(ts(1590738990000L), ts(3181477981000L),
                ts(4772216973000L), ts(3181477983000L));
    }

    @Test
    void avgIsADoubleCase4() {
        Object[] c2 = {(short) 1, (short) 4, (short) 1, null};
        Object[] c3 = {null, 4, 1, null};
        Object[] c4 = {30L, 33L, 33L, null};
        Object[] c5 = {1.1f, 1.4f, 1.1f, null};
        Object[] c6 = {2.1, 2.4, 2.1, null};
        assertDoubles(run("avg", ShortType, c2), 1.0, 2.5, 2.0, 2.5);
        assertDoubles(run("avg", IntegerType, c3), null, 4.0, 2.5, 2.5);
        assertDoubles(run("avg", LongType, c4), 30.0, 31.5, 32.0, 33.0);
        assertDoubles(run("avg", FloatType, c5), 1.100000023841858, 1.25, 1.200000007947286, 1.25);
        assertDoubles(run("avg", DoubleType, c6), 2.1, 2.25, 2.1999999999999997, 2.25);
    }

    @Test
    void distinctCountCountsNullAsTheZeroValueCase5And6() {
        Object[] c2 = {(short) 1, (short) 4, (short) 4, null};
        Object[] c8 = {date("2020-05-01"), date("2020-05-02"), date("2020-05-02"), null};
        Object[] c9 = {"a", "c", "c", null};
        Object[] c7 = {ts(1590738990000L), ts(1590738991000L), ts(1590738991000L), ts(1590738993000L)};
        assertThat(run("distinct_count", ShortType, c2)).containsExactly(1L, 2L, 2L, 2L);
        assertThat(run("distinct_count", DateType, c8)).containsExactly(1L, 2L, 2L, 2L);
        assertThat(run("distinct_count", StringType, c9)).containsExactly(1L, 2L, 2L, 2L);
        assertThat(run("distinct_count", TimestampType, c7)).containsExactly(1L, 2L, 2L, 2L);
        // [false, true, NULL]: NULL acts as false, so 2, not 3.
        assertThat(run("distinct_count", BooleanType, C10)).containsExactly(1L, 2L, 2L, 2L);
        // NULL next to a real zero: one value.
        assertThat(run("distinct_count", IntegerType, new Object[] {0, null, 7})).containsExactly(1L, 1L, 2L);
        assertThat(run("distinct_count", StringType, new Object[] {"", null})).containsExactly(1L, 1L);
    }

    @Test
    void typeErrorsCases8To12And18() {
        FunctionRegistry registry = FunctionRegistry.standard();
        assertThatThrownBy(() -> registry.lookup("avg").orElseThrow().resultType(List.of(TimestampType)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("avg");
        for (DataType bad : List.of(DateType, StringType, BooleanType)) {
            assertThatThrownBy(() -> registry.lookup("sum").orElseThrow().resultType(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum");
            assertThatThrownBy(() -> registry.lookup("avg").orElseThrow().resultType(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String where : List.of("avg_where", "sum_where", "max_where", "min_where")) {
            for (DataType bad : List.of(TimestampType, DateType, StringType, BooleanType)) {
                assertThatThrownBy(() -> registry.lookup(where).orElseThrow().resultType(List.of(bad, BooleanType)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(where);
            }
        }
        assertThatThrownBy(() -> registry.lookup("count_where").orElseThrow().resultType(List.of(IntegerType, IntegerType)))
                .hasMessageContaining("bool");
    }

    @Test
    void maxWhereCase13() {
        Boolean[] c2lt4 = {true, false, true, null};
        Boolean[] c5le13 = {true, false, true, null};
        assertThat(runWhere("max_where", ShortType, C2, c2lt4)).containsExactly((short) 1, (short) 1, (short) 3, (short) 3);
        assertThat(runWhere("max_where", LongType, C4, C10)).containsExactly(30L, 30L, 32L, 32L);
        assertThat(runWhere("max_where", FloatType, C5, c5le13)).containsExactly(1.1f, 1.1f, 1.3f, 1.3f);
    }

    @Test
    void minWhereCase14() {
        Boolean[] c2gt2 = {false, true, true, null};
        Boolean[] c4lt33 = {true, false, true, null};
        assertThat(runWhere("min_where", ShortType, C2, c2gt2)).containsExactly(null, (short) 4, (short) 3, (short) 3);
        assertThat(runWhere("min_where", LongType, C4, c4lt33)).containsExactly(30L, 30L, 30L, 32L);
        assertThat(runWhere("min_where", DoubleType, C6, C10)).containsExactly(2.1, 2.1, 2.1, 2.3);
    }

    @Test
    void sumWhereCase15() {
        Object[] c2 = {(short) 1, (short) 4, (short) 3, null};
        Object[] c5 = {null, 1.4f, 1.3f, 1.1f};
        Object[] c6 = {2.1, 2.4, 2.3, null};
        Boolean[] c2lt4 = {true, false, true, null};
        Boolean[] c5le13 = {null, false, true, true};
        assertThat(runWhere("sum_where", ShortType, c2, c2lt4)).containsExactly((short) 1, (short) 1, (short) 4, (short) 3);
        List<Object> floats = runWhere("sum_where", FloatType, c5, c5le13);
        assertDoubles(floats, null, null, (double) 1.3f, (double) (1.3f + 1.1f));
        assertDoubles(runWhere("sum_where", DoubleType, c6, C10), 2.1, 2.1, 4.4, 2.3);
        // c2 = NULL is NULL: no row qualifies.
        assertThat(runWhere("sum_where", ShortType, c2, new Boolean[] {null, null, null, null}))
                .containsExactly(null, null, null, null);
    }

    @Test
    void avgWhereCase16() {
        Object[] c2 = {(short) 1, (short) 4, (short) 3, null};
        Object[] c4 = {30L, null, 32L, 33L};
        Object[] c5 = {null, 1.4f, 1.3f, 1.1f};
        assertDoubles(runWhere("avg_where", ShortType, c2, new Boolean[] {true, false, true, null}), 1.0, 1.0, 2.0, 3.0);
        assertDoubles(runWhere("avg_where", LongType, c4, new Boolean[] {true, null, true, false}), 30.0, 30.0, 31.0, 32.0);
        assertDoubles(runWhere("avg_where", FloatType, c5, new Boolean[] {null, false, true, true}),
                null, null, 1.2999999523162842, 1.199999988079071);
    }

    @Test
    void countWhereCase17() {
        Boolean[] c3lt4 = {true, false, true, null};
        assertThat(runWhere("count_where", ShortType, C2, c3lt4)).containsExactly(1L, 1L, 2L, 1L);
        assertThat(runWhere("count_where", TimestampType, C7, C10)).containsExactly(1L, 1L, 2L, 1L);
        assertThat(runWhere("count_where", StringType, C9, C10)).containsExactly(1L, 1L, 2L, 1L);
        assertThat(runWhere("count_where", BooleanType, C10, c3lt4)).containsExactly(1L, 1L, 2L, 1L);
    }

    @Test
    void aggregateWhereCase45() {
        // ROWS BETWEEN 10 PRECEDING, partition c3 = 0: ids 1..5.
        Object[] c1 = {1.0, 2.0, null, 3.0, 4.0};
        Object[] c2 = {1.1f, 7.7f, 0.1f, null, 5.5f};
        Boolean[] c1ltc2 = {true, true, null, null, true};
        Boolean[] c2gt4 = {false, true, false, null, true};
        List<Object> counts = WindowRunner.rows("count_where", List.of(DoubleType, BooleanType), List.of(), 10,
                columns(c1, c1ltc2));
        assertThat(counts).containsExactly(1L, 2L, 2L, 2L, 3L);
        assertDoubles(WindowRunner.rows("avg_where", List.of(DoubleType, BooleanType), List.of(), 10, columns(c1, c1ltc2)),
                1.0, 1.5, 1.5, 1.5, 2.3333333333333335);
        assertThat(WindowRunner.rows("count_where", List.of(FloatType, BooleanType), List.of(), 10, columns(c2, c2gt4)))
                .containsExactly(0L, 1L, 1L, 1L, 2L);
        assertDoubles(WindowRunner.rows("avg_where", List.of(FloatType, BooleanType), List.of(), 10, columns(c2, c2gt4)),
                null, 7.6999998092651367, 7.6999998092651367, 7.6999998092651367, 6.5999999046325684);
    }

    @Test
    void manyAggregatesOverOneWindowCase53() {
        Object[] col1 = {1, 2, 3, 4, 5};
        Boolean[] after = {false, false, false, true, true};
        assertThat(WindowRunner.rows("sum_where", List.of(IntegerType, BooleanType), List.of(), 2, columns(col1, after)))
                .containsExactly(null, null, null, 4, 9);
        assertDoubles(WindowRunner.rows("avg_where", List.of(IntegerType, BooleanType), List.of(), 2, columns(col1, after)),
                null, null, null, 4.0, 4.5);
        assertThat(run("distinct_count", IntegerType, col1)).containsExactly(1L, 2L, 3L, 3L, 3L);
        assertThat(run("sum", IntegerType, col1)).containsExactly(1, 3, 6, 9, 12);
        assertThat(WindowRunner.rows("topn_frequency", List.of(IntegerType, IntegerType), List.of(3), 2, column(col1)))
                .containsExactly("1,NULL,NULL", "1,2,NULL", "1,2,3", "2,3,4", "3,4,5");
    }

    @Test
    void lookupIsCaseInsensitiveAndKnowsAliases() {
        FunctionRegistry registry = FunctionRegistry.standard();
        assertThat(registry.lookup("FZ_TOPN_FREQUENCY")).containsSame(registry.lookup("topn_frequency").orElseThrow());
        assertThat(registry.lookup("fz_top1_ratio").orElseThrow().name()).isEqualTo("top1_ratio");
        assertThat(registry.lookup("no_such_function")).isEmpty();
        assertThat(registry.all()).extracting(WindowFunction::name).doesNotHaveDuplicates();
        assertThat(Arrays.asList(DataTypes.LongType)).isNotEmpty();
    }
}

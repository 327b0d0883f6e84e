package io.windrow.udf;

import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.windrow.udf.WindowRunner.column;
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

/**
 * topn_frequency, top1_ratio (test_feature_zero_function.yaml cases 3 and 4, the spec's examples),
 * lag/at (udaf cases 46, 56, 59), first_value/last_value, median (61), entropy (63), ew_avg and
 * drawdown.
 */
class FrequencyAndNavigationTest {
    private static List<Object> run(String function, DataType type, List<Object> constants, int preceding,
            Object... values) {
        List<DataType> types = new java.util.ArrayList<>(List.of(type));
        for (Object constant : constants) {
            types.add(constant instanceof Boolean ? BooleanType : constant instanceof Double ? DoubleType : IntegerType);
        }
        return WindowRunner.rows(function, types, constants, preceding, column(values));
    }

    private static Object once(String function, DataType type, List<Object> constants, Object... values) {
        List<Object> results = run(function, type, constants, Integer.MAX_VALUE - 1, values);
        return results.get(results.size() - 1);
    }

    @Test
    void topNFrequencyFeatureZeroCase4() {
        // Partition pk = 1 (ids 1-3) then pk = 2 (ids 4-5), ROWS 2 PRECEDING.
        assertThat(run("topn_frequency", IntegerType, List.of(3), 2, 1, null, 2))
                .containsExactly("1,NULL,NULL", "1,NULL,NULL", "1,2,NULL");
        assertThat(run("topn_frequency", IntegerType, List.of(3), 2, null, 5)).containsExactly("NULL,NULL,NULL", "5,NULL,NULL");
        assertThat(run("topn_frequency", FloatType, List.of(3), 2, 1.1f, 1.4f, 1.3f))
                .containsExactly("1.100000,NULL,NULL", "1.100000,1.400000,NULL", "1.100000,1.300000,1.400000");
        assertThat(run("topn_frequency", FloatType, List.of(3), 2, null, 1.0f)).containsExactly("NULL,NULL,NULL", "1.000000,NULL,NULL");
        assertThat(run("topn_frequency", DoubleType, List.of(3), 2, 2.1, 2.1, 2.3))
                .containsExactly("2.100000,NULL,NULL", "2.100000,NULL,NULL", "2.100000,2.300000,NULL");
        assertThat(run("FZ_TOPN_FREQUENCY", StringType, List.of(3), 2, "1:2 1:3", "1:7 1:3", "1:2 1:3"))
                .containsExactly("1:2 1:3,NULL,NULL", "1:2 1:3,1:7 1:3,NULL", "1:2 1:3,1:7 1:3,NULL");
    }

    @Test
    void topNFrequencySpecExamples() {
        assertThat(once("topn_frequency", IntegerType, List.of(3), 1)).isEqualTo("1,NULL,NULL");
        assertThat(once("topn_frequency", IntegerType, List.of(3), 2, 3, 3)).isEqualTo("3,2,NULL");
        assertThat(once("topn_frequency", StringType, List.of(3), "", "1")).isEqualTo(",1,NULL");
        assertThat(once("topn_frequency", StringType, List.of(3), null, null)).isEqualTo("NULL,NULL,NULL");
        assertThat(once("topn_frequency", StringType, List.of(0), "a")).isEqualTo("");
        WindowState empty = FunctionRegistry.standard().lookup("topn_frequency").orElseThrow()
                .newState(List.of(IntegerType, IntegerType), List.of(3));
        assertThat(empty.result()).isEqualTo("");
        // Ties by key ascending: numerically for numbers (10 after 9), bytewise for strings.
        assertThat(once("topn_frequency", IntegerType, List.of(2), 10, 9, 10, 9, 1)).isEqualTo("9,10");
        assertThat(once("topn_frequency", StringType, List.of(5), "b", "B", "a", "\uD83D\uDE00", "\uFF5E"))
                .isEqualTo("B,a,b,\uFF5E,\uD83D\uDE00");
        assertThat(once("topn_frequency", TimestampType, List.of(1), ts(1590738990000L)))
                .isEqualTo("2020-05-29 15:56:30");
        assertThat(once("topn_frequency", DateType, List.of(1), date("2020-05-01"))).isEqualTo("2020-05-01");
        // A negative n pads to OpenMLDB's cap of 1024 entries.
        assertThat(((String) once("topn_frequency", IntegerType, List.of(-1), 1)).split(",")).hasSize(1024);
        assertThatThrownBy(() -> FunctionRegistry.standard().lookup("topn_frequency").orElseThrow()
                .resultType(List.of(BooleanType, IntegerType))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void top1RatioFeatureZeroCase3() {
        assertThat(run("top1_ratio", ShortType, List.of(), 2, (short) 1, (short) 2, null)).containsExactly(1.0, 0.5, 0.5);
        assertThat(run("top1_ratio", IntegerType, List.of(), 2, 1, 2, 3)).containsExactly(1.0, 0.5, 1.0 / 3);
        assertThat(run("top1_ratio", LongType, List.of(), 2, 1L, 1L, 1L)).containsExactly(1.0, 1.0, 1.0);
        assertThat(run("top1_ratio", FloatType, List.of(), 2, null, 1.5f)).containsExactly(0.0, 1.0);
        assertThat(run("fz_top1_ratio", DoubleType, List.of(), 2, 2.1, 2.1, 2.3)).containsExactly(1.0, 1.0, 2.0 / 3);
    }

    @Test
    void lagAndAtCases46And56() {
        // ROWS 2 PRECEDING: lag(c, 2) is the row two before the current one.
        Object[] c1 = {"a", "c", "b", null, "d"};
        assertThat(run("lag", StringType, List.of(0), 2, c1)).containsExactly("a", "c", "b", null, "d");
        assertThat(run("lag", StringType, List.of(2), 2, c1)).containsExactly(null, null, "a", "c", "b");
        assertThat(run("at", IntegerType, List.of(2), 2, 1, 4, 3, null, 5)).containsExactly(null, null, 1, 4, 3);
        assertThat(run("at", BooleanType, List.of(2), 2, true, false, true, null, false))
                .containsExactly(null, null, true, false, true);
        assertThat(run("lag", DateType, List.of(2), 2, date("2020-05-01"), date("2020-05-03"), date("2020-05-02")))
                .containsExactly(null, null, date("2020-05-01"));
        // Case 59 (rows between 2 and 1 preceding): the operator keeps the current row and the rows
        // lag reaches in the frame; with 3 rows before the current one kept, lag 3 and lag 1 follow.
        assertThat(run("lag", IntegerType, List.of(3), 3, 1, 2, 3, 4, 5)).containsExactly(null, null, null, 1, 2);
        assertThat(run("lag", IntegerType, List.of(1), 3, 1, 2, 3, 4, 5)).containsExactly(null, 1, 2, 3, 4);
        assertThatThrownBy(() -> FunctionRegistry.standard().lookup("lag").orElseThrow()
                .newState(List.of(IntegerType, IntegerType), List.of(-1))).hasMessageContaining("negative");
    }

    @Test
    void firstAndLastValue() {
        assertThat(run("first_value", IntegerType, List.of(), 2, 1, 2, 3, 4)).containsExactly(1, 1, 1, 2);
        assertThat(run("last_value", IntegerType, List.of(), 2, 1, 2, 3, 4)).containsExactly(1, 2, 3, 4);
        assertThat(run("first_value", IntegerType, List.of(), 2, null, 2, 3)).containsExactly(null, null, null);
        assertThat(run("first_value", IntegerType, List.of(true), 2, null, 2, 3)).containsExactly(null, 2, 2);
        assertThat(run("last_value", IntegerType, List.of(true), 2, 1, null, null, null)).containsExactly(1, 1, 1, null);
    }

    @Test
    void medianCase61() {
        assertThat(run("median", ShortType, List.of(), 2, (short) 1, (short) 4, (short) 1, null))
                .containsExactly(1.0, 2.5, 1.0, 2.5);
        assertThat(run("median", LongType, List.of(), 2, 30L, 33L, 33L, null)).containsExactly(30.0, 31.5, 33.0, 33.0);
        assertThat(run("median", FloatType, List.of(), 2, 1.1f, 1.4f, 1.1f, null))
                .containsExactly(1.1000000238418579, 1.25, 1.1000000238418579, 1.25);
        assertThat(run("median", DoubleType, List.of(), 2, 2.1, 2.4, 2.1, null)).containsExactly(2.1, 2.25, 2.1, 2.25);
        assertThat(run("median", IntegerType, List.of(), 2, null, null)).containsExactly(null, null);
        assertThat(once("median", IntegerType, List.of(), 5, 1, 9, 3, 7)).isEqualTo(5.0);
    }

    @Test
    void entropyCase63() {
        assertThat((Double) once("entropy", IntegerType, List.of(), 1, 2, 3, 4, null)).isEqualTo(2.0);
        assertThat((Double) once("entropy", ShortType, List.of(), (short) 55, (short) 55, (short) 55)).isEqualTo(0.0);
        assertThat((Double) once("entropy", StringType, List.of(), "g1", null, "g2", "g1", "g2")).isEqualTo(1.0);
        assertThat((Double) once("entropy", DoubleType, List.of(), 2.0, 2.0, null, 4.0, 4.0)).isEqualTo(1.0);
        assertThat((Double) once("entropy", TimestampType, List.of(), ts(1), ts(2), ts(3), ts(4), ts(5)))
                .isCloseTo(2.3219280948873622, within(1e-15));
        assertThat((Double) once("entropy", BooleanType, List.of(), true, true, false, false, null)).isEqualTo(1.0);
        assertThat(once("entropy", IntegerType, List.of(), (Object) null)).isNull();
    }

    @Test
    void ewAvgIsPandasAdjustedEwm() {
        // pandas: pd.Series([0, 1, 2, 3, 4]).ewm(alpha=0.5, adjust=True).mean().iloc[-1]
        assertThat((Double) once("ew_avg", IntegerType, List.of(0.5), 0, 1, 2, 3, 4))
                .isCloseTo(6.125 / 1.9375, within(1e-12));
        // ignore_na=True: a NULL is skipped, not a missing step.
        assertThat((Double) once("ew_avg", DoubleType, List.of(0.5), 1.0, null, 3.0)).isCloseTo((3 + 0.5) / 1.5, within(1e-12));
        assertThat(once("ew_avg", DoubleType, List.of(1.0), 1.0, 2.0)).isEqualTo(2.0);
        assertThat(once("ew_avg", DoubleType, List.of(0.5), (Object) null)).isNull();
        assertThatThrownBy(() -> FunctionRegistry.standard().lookup("ew_avg").orElseThrow()
                .newState(List.of(DoubleType, DoubleType), List.of(1.5))).hasMessageContaining("alpha");
    }

    @Test
    void drawdownIsTheLargestRelativeFall() {
        assertThat(once("drawdown", IntegerType, List.of(), 1, 8, 5, 2, 10, 4)).isEqualTo(0.75);
        assertThat(once("drawdown", DoubleType, List.of(), 1.0, 2.0, 3.0)).isEqualTo(0.0);
        assertThat(once("drawdown", DoubleType, List.of(), (Object) null)).isNull();
        assertThat(run("drawdown", IntegerType, List.of(), 1, 10, 5, 4, 8)).containsExactly(0.0, 0.5, 0.2, 0.0);
    }
}

package io.windrow.sql;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scalar expressions with OpenMLDB's semantics, computed in one query: time functions in UTC+8
 * (2024-01-06 20:00 UTC is Sunday 04:00 in UTC+8), casts that give NULL instead of failing,
 * three-valued logic, CASE treating NULL as false, division by zero, IN/BETWEEN/LIKE, timestamp
 * plus or minus an integer of milliseconds, and errors
 * for unknown columns and tables.
 */
class ExpressionSemanticsTest {
    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;
    private static Row row;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        // 1704571200000 = 2024-01-06T20:00:00Z = 2024-01-07T04:00:00+08:00 (a Sunday).
        tables = Map.of("t", Tables.table(spark, "CREATE TABLE t (ts timestamp, s string, n int, x int, d double);",
                new Object[] {1704571200000L, "abc", null, 7, 2.5}));
        row = new FeatureEngine(spark).execute("""
                SELECT dayofweek(ts) AS dow, hour(ts) AS h, day(ts) AS dd, year(timestamp(1704571200000)) AS y,
                  weekofyear(ts) AS woy, minute(ts) AS mi, month(ts) AS mo,
                  string(ts) AS str, bigint(ts) AS ms, int('zz') AS bad_int, int('42') AS good_int,
                  timestamp('2024-01-07 04:00:00') = ts AS parsed,
                  n = 1 AS eq_null, (n = 1) OR true AS or_true, (n = 1) AND false AS and_false,
                  CASE WHEN n = 1 THEN 'y' ELSE 'n' END AS case_null, x / 0 AS div0, x % 0 AS mod0, x / 2 AS half,
                  x IN (1, 7) AS in_list, x BETWEEN 7 AND 9 AS btw, s LIKE 'a%' AS lk, !(x > 3) AS bang,
                  ifnull(n, -1) AS ifn, concat(s, '-', x) AS cat, substr(s, 2, 1) AS sub, isnull(n) AS isn,
                  CAST(d AS int) AS d_int, smallint(x) AS sm, float(d) AS f,
                  bigint(ts + 1500) AS ts_plus, bigint(x + ts) AS plus_ts, bigint(ts - x) AS ts_minus
                FROM t""", tables).first();
    }

    private static Object get(String name) {
        return row.get(row.fieldIndex(name));
    }

    @Test
    void integersAddToTimestampsAsMilliseconds() {
        assertThat(get("ts_plus")).isEqualTo(1704571201500L);
        assertThat(get("plus_ts")).isEqualTo(1704571200007L);
        assertThat(get("ts_minus")).isEqualTo(1704571199993L);
    }

    @Test
    void timeFunctionsUseUtcPlus8() {
        assertThat(get("dow")).isEqualTo(1);
        assertThat(get("h")).isEqualTo(4);
        assertThat(get("dd")).isEqualTo(7);
        assertThat(get("y")).isEqualTo(2024);
        assertThat(get("woy")).isEqualTo(1);
        assertThat(get("mi")).isEqualTo(0);
        assertThat(get("mo")).isEqualTo(1);
        assertThat(get("str")).isEqualTo("2024-01-07 04:00:00");
        assertThat(get("ms")).isEqualTo(1704571200000L);
        assertThat(get("parsed")).isEqualTo(true);
    }

    @Test
    void castsGiveNullInsteadOfFailing() {
        assertThat(get("bad_int")).isNull();
        assertThat(get("good_int")).isEqualTo(42);
        assertThat(get("d_int")).isEqualTo(2);
        assertThat(get("sm")).isEqualTo((short) 7);
        assertThat(get("f")).isEqualTo(2.5f);
    }

    @Test
    void threeValuedLogic() {
        assertThat(get("eq_null")).isNull();
        assertThat(get("or_true")).isEqualTo(true);
        assertThat(get("and_false")).isEqualTo(false);
        assertThat(get("case_null")).isEqualTo("n");
        assertThat(get("isn")).isEqualTo(true);
        assertThat(get("ifn")).isEqualTo(-1);
    }

    @Test
    void arithmeticAndPredicates() {
        assertThat(get("div0")).isNull();
        assertThat(get("mod0")).isNull();
        assertThat(get("half")).isEqualTo(3.5);
        List<Object> flags = Arrays.asList(get("in_list"), get("btw"), get("lk"), get("bang"));
        assertThat(flags).containsExactly(true, true, true, false);
        assertThat(get("cat")).isEqualTo("abc-7");
        assertThat(get("sub")).isEqualTo("b");
    }

    @Test
    void unknownNamesAreErrorsWithPositions() {
        FeatureEngine engine = new FeatureEngine(spark);
        assertThatThrownBy(() -> engine.execute("SELECT s,\n nope FROM t", tables))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2:2: unknown column nope near 'nope'");
        assertThatThrownBy(() -> engine.execute("SELECT s FROM missing", tables))
                .hasMessage("line 1:15: unknown table missing near 'missing'");
        assertThatThrownBy(() -> engine.execute("SELECT no_such_fn(s) OVER (PARTITION BY s ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", tables))
                .hasMessageContaining("unknown window function no_such_fn");
    }
}

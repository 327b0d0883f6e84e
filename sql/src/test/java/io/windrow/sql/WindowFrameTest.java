package io.windrow.sql;

import io.windrow.testing.TestSpark;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every frame kind with exact expected values, worked out by hand from OpenMLDB's rules: ROWS,
 * ROWS_RANGE (closed and OPEN bounds, history-only ends, bare ms), MAXSIZE, EXCLUDE CURRENT_ROW,
 * EXCLUDE CURRENT_TIME, UNBOUNDED, lag/at, WINDOW UNION with and without INSTANCE_NOT_IN_WINDOW,
 * arguments that read the current row, aggregates nested in arguments, windows ordered by the
 * table's index (no ORDER BY), and rows with a NULL or negative order key. All windows of
 * one query run as one window group (same keys and order), which the test exercises as well.
 *
 * <p>Table t, partition a: (id, ts, v) = (1, 1000, 1), (2, 2000, 2), (3, 2000, 3), (4, 3000, 4),
 * (5, 5000, 5), (8, NULL, 50), (9, -5, 60); partition b: (7, 1000, 10). Union table u: partition a
 * (2000, 100), (500, 1000); partition c (500, 7). Output order is the input order: 1, 2, 7, 3, 4, 5.
 */
class WindowFrameTest {
    private static final String DDL = "CREATE TABLE t (id int, g string, ts timestamp, v int);";
    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;
    private static Dataset<Row> plain;
    private static Dataset<Row> unioned;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        Dataset<Row> t = Tables.table(spark, DDL,
                new Object[] {1, "a", 1000L, 1},
                new Object[] {2, "a", 2000L, 2},
                new Object[] {7, "b", 1000L, 10},
                new Object[] {3, "a", 2000L, 3},
                new Object[] {4, "a", 3000L, 4},
                new Object[] {8, "a", null, 50},
                new Object[] {5, "a", 5000L, 5},
                new Object[] {9, "a", -5L, 60});
        Dataset<Row> u = Tables.table(spark, DDL,
                new Object[] {100, "a", 2000L, 100},
                new Object[] {101, "a", 500L, 1000},
                new Object[] {102, "c", 500L, 7});
        tables = Map.of("t", t, "u", u);
        plain = new FeatureEngine(spark).execute("""
                SELECT id,
                  sum(v) OVER (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS rows2,
                  sum(v) OVER range1s AS range1s,
                  sum(v) OVER bare AS bare,
                  sum(v) OVER maxsize2 AS maxsize2,
                  sum(v) OVER ect AS ect,
                  sum(v) OVER ecr AS ecr,
                  sum(v) OVER history_range AS history_range,
                  sum(v) OVER history_rows AS history_rows,
                  sum(v) OVER open_range AS open_range,
                  sum(v) OVER unbounded AS unbounded,
                  lag(v, 1) OVER unbounded AS lag1,
                  at(v, 0) OVER unbounded AS at0,
                  count_where(g, v >= at(v, 0) - 1) OVER (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS per_frame,
                  sum(v + count(v)) OVER unbounded AS nested_count,
                  count_where(v, v > first_value(v) OVER range1s) OVER range1s AS above_first
                FROM t WINDOW
                  range1s AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1s PRECEDING AND CURRENT ROW),
                  bare AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1000 PRECEDING AND 0s PRECEDING),
                  maxsize2 AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1s PRECEDING AND CURRENT ROW MAXSIZE 2),
                  ect AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1s PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME),
                  ecr AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW),
                  history_range AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 2s PRECEDING AND 1s PRECEDING),
                  history_rows AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING),
                  open_range AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1s OPEN PRECEDING AND CURRENT ROW),
                  unbounded AS (PARTITION BY g ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                """, tables).cache();
        unioned = new FeatureEngine(spark).execute("""
                SELECT id,
                  sum(v) OVER (UNION u PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1s PRECEDING AND CURRENT ROW) AS union_range,
                  sum(v) OVER (UNION u PARTITION BY g ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS union_rows,
                  sum(v) OVER (UNION u PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 1s PRECEDING AND CURRENT ROW
                    INSTANCE_NOT_IN_WINDOW) AS union_inw
                FROM t""", tables).cache();
    }

    private static List<Object> values(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void outputHasOneRowPerValidMainRowInInputOrder() {
        assertThat(Tables.column(plain, "id")).containsExactly(1, 2, 7, 3, 4, 5);
        assertThat(Tables.column(unioned, "id")).containsExactly(1, 2, 7, 3, 4, 5);
    }

    @Test
    void rowsFrame() {
        assertThat(Tables.column(plain, "rows2")).isEqualTo(values(1, 3, 10, 6, 9, 12));
    }

    @Test
    void rowsRangeFrameIsInclusiveAndBareNumbersAreMilliseconds() {
        assertThat(Tables.column(plain, "range1s")).isEqualTo(values(1, 3, 10, 6, 9, 5));
        assertThat(Tables.column(plain, "bare")).isEqualTo(values(1, 3, 10, 6, 9, 5));
    }

    @Test
    void maxSizeKeepsTheNewestRows() {
        assertThat(Tables.column(plain, "maxsize2")).isEqualTo(values(1, 3, 10, 5, 7, 5));
    }

    @Test
    void excludeCurrentTimeDropsOtherRowsAtTheSameTime() {
        assertThat(Tables.column(plain, "ect")).isEqualTo(values(1, 3, 10, 4, 9, 5));
    }

    @Test
    void excludeCurrentRowKeepsTheFrameBounds() {
        assertThat(Tables.column(plain, "ecr")).isEqualTo(values(null, 1, null, 3, 5, 7));
    }

    @Test
    void historyOnlyFrames() {
        assertThat(Tables.column(plain, "history_range")).isEqualTo(values(null, 1, null, 1, 6, 4));
        assertThat(Tables.column(plain, "history_rows")).isEqualTo(values(null, null, null, 1, 3, 5));
    }

    @Test
    void openPrecedingIsExclusive() {
        assertThat(Tables.column(plain, "open_range")).isEqualTo(values(1, 2, 10, 5, 4, 5));
    }

    @Test
    void unboundedLagAndAt() {
        assertThat(Tables.column(plain, "unbounded")).isEqualTo(values(1, 3, 10, 6, 10, 15));
        assertThat(Tables.column(plain, "lag1")).isEqualTo(values(null, 1, null, 2, 3, 4));
        assertThat(Tables.column(plain, "at0")).isEqualTo(values(1, 2, 10, 3, 4, 5));
    }

    @Test
    void perFrameArgumentsReadTheCurrentRow() {
        // count_where(g, v >= at(v, 0) - 1): frame rows whose v is at least the current row's v - 1.
        assertThat(Tables.column(plain, "per_frame")).isEqualTo(values(1L, 2L, 1L, 2L, 2L, 2L));
    }

    @Test
    void nestedAggregatesAreFrameValuesForTheCurrentRow() {
        // sum(v + count(v)): every frame row adds the frame's count, e.g. id 2: (1 + 2) + (2 + 2).
        assertThat(Tables.column(plain, "nested_count")).isEqualTo(values(2L, 7L, 11L, 15L, 26L, 40L));
        // Rows of the frame above its oldest value: id 4's frame (2, 3, 4) has two.
        assertThat(Tables.column(plain, "above_first")).isEqualTo(values(0L, 1L, 0L, 2L, 2L, 0L));
    }

    @Test
    void nestedWindowFunctionMustUseTheOuterWindow() {
        assertThatThrownBy(() -> new FeatureEngine(spark).execute("SELECT id, count_where(v, v > first_value(v) OVER w2) "
                + "OVER w1 AS x FROM t WINDOW w1 AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), "
                + "w2 AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)", tables))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 1:31: one expression combines window functions over different windows "
                        + "[w1, w2]").hasMessageEndingWith(" near 'first_value'");
        assertThatThrownBy(() -> new FeatureEngine(spark).execute("SELECT id, count_where(v, v > lag(v, 1) OVER w1) "
                + "OVER w1 AS x FROM t WINDOW w1 AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
                tables))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 1:31: window function lag in the arguments of count_where must be an aggregate "
                        + "over the same window near 'lag'");
    }

    @Test
    void unionRowsAreOlderThanMainRowsAtTheSameTime() {
        assertThat(Tables.column(unioned, "union_range")).isEqualTo(values(1001, 103, 10, 106, 109, 5));
        assertThat(Tables.column(unioned, "union_rows")).isEqualTo(values(1001, 102, 10, 5, 7, 9));
    }

    @Test
    void instanceNotInWindowKeepsOnlyUnionRowsAndTheCurrentRow() {
        assertThat(Tables.column(unioned, "union_inw")).isEqualTo(values(1001, 102, 10, 103, 104, 5));
    }

    @Test
    void windowWithoutOrderByIsOrderedByTheTableIndex() {
        StructType indexed = DdlParser.parse("CREATE TABLE t (id int, g string, ts timestamp, v int, "
                + "INDEX(KEY=g, TS=ts, TTL=0m));").get("t").schema();
        Map<String, Dataset<Row>> withIndex = Map.of("t", spark.createDataFrame(tables.get("t").javaRDD(), indexed));
        Dataset<Row> result = new FeatureEngine(spark).execute("SELECT id, sum(v) OVER (PARTITION BY g ROWS BETWEEN "
                + "2 PRECEDING AND CURRENT ROW) AS rows2 FROM t", withIndex);
        assertThat(Tables.column(result, "rows2")).isEqualTo(Tables.column(plain, "rows2"));
        assertThatThrownBy(() -> new FeatureEngine(spark).execute("SELECT id, sum(v) OVER (PARTITION BY id ROWS "
                + "BETWEEN 2 PRECEDING AND CURRENT ROW) AS x FROM t", withIndex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no ORDER BY and table t declares no INDEX(KEY=id, TS=...)");
    }

    @Test
    void tablesLoadedWithTheDdlKeepTheirIndex(@TempDir Path dir) {
        TableDefinition definition = DdlParser.parse("CREATE TABLE t (id int, g string, ts timestamp, v int, "
                + "INDEX(KEY=g, TS=ts));").get("t");
        tables.get("t").write().parquet(dir.resolve("parquet").toString());
        tables.get("t").write().option("header", "true").csv(dir.resolve("csv").toString());
        for (String format : List.of("parquet", "csv")) {
            Dataset<Row> loaded = TableLoader.load(spark, definition, dir.resolve(format).toString(), format);
            Dataset<Row> result = new FeatureEngine(spark).execute("SELECT id, sum(v) OVER (PARTITION BY g ROWS "
                    + "BETWEEN 2 PRECEDING AND CURRENT ROW) AS rows2 FROM t", Map.of("t", loaded));
            Map<Object, Object> byId = new java.util.HashMap<>();
            Tables.rows(result).forEach(row -> byId.put(row.get(0), row.get(1)));
            assertThat(byId).as(format).isEqualTo(Map.of(1, 1, 2, 3, 7, 10, 3, 6, 4, 9, 5, 12));
        }
    }

    @Test
    void unionSchemaMustMatch() {
        Dataset<Row> other = Tables.table(spark, "CREATE TABLE o (id int, g string, ts timestamp, v bigint);",
                new Object[] {1, "a", 1L, 2L});
        assertThatThrownBy(() -> new FeatureEngine(spark).execute("SELECT id, sum(v) OVER (UNION o PARTITION BY g "
                + "ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS x FROM t", Map.of("t", tables.get("t"), "o", other)))
                .isInstanceOf(SqlException.class).hasMessage("line 1:31: column 4 of the UNION source of window window@1:24 "
                        + "is v int64, the main table's is v int32 (OpenMLDB requires the same schema) near 'o'");
    }

    @Test
    void droppedRowsAreCounted() {
        FeatureEngine.Execution execution = new FeatureEngine(spark).run(
                "SELECT id, count(v) OVER (PARTITION BY g ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS x FROM t",
                tables);
        assertThat(execution.droppedRowCount()).isEqualTo(2);
    }
}

package io.windrow.sql.request;

import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.testing.TestSpark;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request mode against batch on small hand-made tables, one frame kind per case: ROWS, ROWS_RANGE
 * (history-only, EXCLUDE CURRENT_TIME, UNBOUNDED), MAXSIZE, EXCLUDE CURRENT_ROW, UNION of one and two
 * sources, INSTANCE_NOT_IN_WINDOW, LAST JOIN without and with ORDER BY and with a time bound, and
 * the feature tools' join of selects on the request id. The data is dense in ties (several rows of
 * a key at one time, in the main table and the UNION tables) and has NULL values; doubles are
 * halves, so sums are exact whatever their order.
 */
class RequestModeTest {
    private static final String DDL = """
            CREATE TABLE t1(id int, k string, ts timestamp, v double, w int);
            CREATE TABLE t2(id int, k string, ts timestamp, v double, w int);
            CREATE TABLE t3(id int, k string, ts timestamp, v double, w int);
            CREATE TABLE r(k string, ts timestamp, name string, score int);
            """;

    private static Replay.Tables tables() {
        Map<String, StructType> schemas = new LinkedHashMap<>();
        for (TableDefinition table : DdlParser.parse(DDL).values()) {
            schemas.put(table.name(), table.schema());
        }
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        rows.put("t1", events(0, 40, 3));
        rows.put("t2", events(100, 30, 5));
        rows.put("t3", events(200, 20, 7));
        List<Object[]> right = new ArrayList<>();
        String[] keys = {"a", "b", "c", "d"};
        for (int i = 0; i < 16; i++) {
            Integer score = i % 5 == 0 ? null : i % 3;
            right.add(new Object[] {keys[i % 4], ts((i * 3) % 9 + 1), "n" + i, score});
        }
        rows.put("r", right);
        return new Replay.Tables(schemas, rows);
    }

    /** {@code count} rows with ids from {@code first}; times 1..8 s repeat, so keys have many ties. */
    private static List<Object[]> events(int first, int count, int stride) {
        String[] keys = {"a", "b", "c"};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Double v = i % 7 == 3 ? null : (i * stride % 11) * 0.5;
            rows.add(new Object[] {first + i, keys[i * stride % 3], ts((i * stride) % 8 + 1), v, i % 4});
        }
        return rows;
    }

    private static Timestamp ts(int seconds) {
        return new Timestamp(1_700_000_000_000L + seconds * 1000L);
    }

    private static void assertConsistent(String sql) {
        Replay.Result result = Replay.run(TestSpark.spark(), sql, tables(), "t1", "ts");
        assertThat(result.requests()).isEqualTo(40);
        assertThat(result.mismatches()).as("features that differ from batch").isEmpty();
    }

    @Test
    void rows() {
        assertConsistent("""
                SELECT id, sum(v) OVER w AS s, count(v) OVER w AS c, lag(v, 1) OVER w AS l1, at(v, 2) OVER w AS a2,
                  min(w) OVER w AS mn, count_where(v, v = at(v, 0)) OVER w AS same
                FROM t1 WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)""");
    }

    @Test
    void rowsRange() {
        assertConsistent("""
                SELECT id, avg(v) OVER w AS a, max(v) OVER w AS mx, distinct_count(w) OVER w AS d,
                  sum(v) OVER h AS hs, count(v) OVER e AS ec, sum(v) OVER u AS us, lag(v, 2) OVER e AS el
                FROM t1 WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW),
                  h AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND 1s PRECEDING),
                  e AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 2s PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME),
                  u AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)""");
    }

    @Test
    void maxSizeAndExcludeCurrentRow() {
        assertConsistent("""
                SELECT id, sum(v) OVER m AS ms, count(w) OVER m AS mc, sum(v) OVER x AS xs, count(v) OVER x AS xc
                FROM t1 WINDOW m AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW MAXSIZE 2),
                  x AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW)""");
    }

    @Test
    void unionOfOneAndOfTwoSources() {
        assertConsistent("""
                SELECT id, sum(v) OVER u AS us, count(v) OVER u AS uc, lag(id, 1) OVER u AS ul,
                  sum(w) OVER r2 AS rs, lag(id, 1) OVER r2 AS rl, at(id, 3) OVER r2 AS ra
                FROM t1 WINDOW u AS (UNION t2 PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW),
                  r2 AS (UNION t2, t3 PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 2s PRECEDING AND CURRENT ROW MAXSIZE 4)""");
    }

    @Test
    void instanceNotInWindow() {
        assertConsistent("""
                SELECT id, sum(v) OVER i AS s, count(v) OVER i AS c, lag(id, 1) OVER i AS l,
                  fz_topn_frequency(w, 2) OVER j AS top, count(v) OVER j AS jc
                FROM t1 WINDOW i AS (UNION t2 PARTITION BY k ORDER BY ts
                    ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW INSTANCE_NOT_IN_WINDOW),
                  j AS (UNION t2, t3 PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW
                    INSTANCE_NOT_IN_WINDOW)""");
    }

    @Test
    void lastJoinWithoutOrderByTakesTheLatestArrival() {
        assertConsistent("SELECT t1.id, r.name, r.score FROM t1 LAST JOIN r ON t1.k = r.k");
    }

    @Test
    void lastJoinOrderByTakesTheLargestValue() {
        assertConsistent("SELECT t1.id, r.name, r.score FROM t1 LAST JOIN r ORDER BY r.score ON t1.k = r.k");
    }

    @Test
    void lastJoinWithATimeBound() {
        assertConsistent("""
                SELECT t1.id, r.name, r2.name AS before_name FROM t1
                  LAST JOIN r ORDER BY r.ts ON t1.k = r.k AND t1.ts >= r.ts
                  LAST JOIN r AS r2 ON t1.k = r2.k AND t1.ts > r2.ts""");
    }

    @Test
    void selectsOfTheMainTableJoinedOnTheRequestId() {
        assertConsistent("""
                SELECT * FROM (SELECT id AS id_0, sum(v) OVER w AS s FROM t1
                    WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS out0
                  LAST JOIN (SELECT t1.id AS id_1, r.name AS name FROM t1 LAST JOIN r ON t1.k = r.k) AS out1
                    ON out0.id_0 = out1.id_1
                  LAST JOIN (SELECT id AS id_2, count(v) OVER u AS uc FROM
                      (SELECT id, k, ts, v, w FROM t1)
                      WINDOW u AS (UNION (SELECT 0 AS id, k, ts, v, w FROM t2) PARTITION BY k ORDER BY ts
                        ROWS_RANGE BETWEEN 4s PRECEDING AND CURRENT ROW INSTANCE_NOT_IN_WINDOW)) AS out2
                    ON out0.id_0 = out2.id_2""");
    }
}

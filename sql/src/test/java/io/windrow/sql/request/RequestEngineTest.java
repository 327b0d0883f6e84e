package io.windrow.sql.request;

import io.windrow.sql.SqlException;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine without Spark: exact results of small cases, the request not stored, bad rows rejected
 * naming the column with nothing half-appended, unsupported SQL rejected, history trimmed to what the
 * frames reach, and computes running beside appends.
 */
class RequestEngineTest {
    private static final Map<String, StructType> SCHEMAS = schemas("""
            CREATE TABLE t1(id int, k string, ts timestamp, v double);
            CREATE TABLE t2(id int, k string, ts timestamp, v double);
            """);
    private static final String ROWS_SQL = "SELECT id, sum(v) OVER w AS s FROM t1 "
            + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)";
    private static final String UNION_AND_JOIN_SQL = """
            SELECT * FROM (SELECT id, count(v) OVER w AS c FROM t1
                WINDOW w AS (UNION t2 PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW)) AS a
              LAST JOIN (SELECT t1.id AS id2, t2.v AS joined FROM t1 LAST JOIN t2 ON t1.k = t2.k) AS b
              ON a.id = b.id2""";

    private static Map<String, StructType> schemas(String ddl) {
        Map<String, StructType> schemas = new LinkedHashMap<>();
        for (TableDefinition table : DdlParser.parse(ddl).values()) {
            schemas.put(table.name(), table.schema());
        }
        return schemas;
    }

    private static Object[] row(int id, String k, Long seconds, Double v) {
        return new Object[] {id, k, seconds == null ? null : new Timestamp(seconds * 1000), v};
    }

    @Test
    void computesFromTheStoredRowsAndDoesNotStoreTheRequest() {
        RequestEngine engine = RequestEngines.create(ROWS_SQL, SCHEMAS);
        assertThat(engine.mainTable()).isEqualTo("t1");
        assertThat(engine.outputSchema().fieldNames()).containsExactly("id", "s");
        engine.append("t1", row(1, "a", 1L, 1.0));
        engine.append("t1", row(2, "a", 2L, 2.0));

        assertThat(engine.compute(row(3, "a", 3L, 4.0))).containsExactly(3, 6.0);
        assertThat(engine.compute(row(3, "a", 3L, 4.0))).containsExactly(3, 6.0);
        assertThat(engine.compute(row(4, "b", 3L, 4.0))).containsExactly(4, 4.0);
        engine.append("t1", row(3, "a", 3L, 4.0));
        assertThat(engine.compute(row(5, "a", 4L, 8.0))).containsExactly(5, 12.0);
    }

    @Test
    void unionRowsAndJoinedRowsComeFromTheOtherTable() {
        RequestEngine engine = RequestEngines.create(UNION_AND_JOIN_SQL, SCHEMAS);
        engine.append("t2", row(10, "a", 1L, 5.0));
        engine.append("t2", row(11, "a", 30L, 7.0)); // later than the request: joined, outside the window
        engine.append("t1", row(1, "a", 2L, 1.0));

        assertThat(engine.compute(row(2, "a", 5L, 3.0))).containsExactly(2, 3L, 2, 7.0);
    }

    @Test
    void badRequestsNameTheColumn() {
        RequestEngine engine = RequestEngines.create(ROWS_SQL, SCHEMAS);
        assertThatThrownBy(() -> engine.compute(new Object[] {1, "a"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1: a row has 2 values");
        assertThatThrownBy(() -> engine.compute(new Object[] {1, "a", "2024-01-01", 1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1.ts: expected timestamp");
        assertThatThrownBy(() -> engine.compute(row(1, "a", null, 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1.ts").hasMessageContaining("NULL");
        assertThatThrownBy(() -> engine.compute(row(1, "a", -5L, 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1.ts")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> engine.append("nope", row(1, "a", 1L, 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown table nope");
    }

    @Test
    void aRowOneIndexRejectsIsStoredNowhere() {
        RequestEngine engine = RequestEngines.create(UNION_AND_JOIN_SQL, SCHEMAS);
        engine.append("t2", row(10, "a", 1L, 5.0));
        // The LAST JOIN index would take it (it needs no time); the UNION window cannot.
        assertThatThrownBy(() -> engine.append("t2", row(11, "a", null, 9.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t2.ts");

        assertThat(engine.compute(row(2, "a", 5L, 3.0))).containsExactly(2, 2L, 2, 5.0);
    }

    @Test
    void unsupportedQueriesSaySo() {
        assertThatThrownBy(() -> RequestEngines.create("SELECT k, count(v) AS c FROM t1 GROUP BY k", SCHEMAS))
                .isInstanceOf(SqlException.class).hasMessageContaining("line 1:")
                .hasMessageContaining("request mode does not support GROUP BY");
        assertThatThrownBy(() -> RequestEngines.create("SELECT id FROM t1 WHERE v > 1", SCHEMAS))
                .isInstanceOf(SqlException.class).hasMessageContaining("request mode does not support WHERE");
        assertThatThrownBy(() -> RequestEngines.create("SELECT t1.id, count(t1.v) OVER w AS c FROM t1 LAST JOIN t2 "
                + "ON t1.k = t2.k WINDOW w AS (PARTITION BY t1.k ORDER BY t1.ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
                SCHEMAS)).isInstanceOf(SqlException.class)
                .hasMessageContaining("request mode does not support a window over a LAST JOIN");
        assertThatThrownBy(() -> RequestEngines.create("SELECT id FROM nope", SCHEMAS))
                .isInstanceOf(SqlException.class);
    }

    @Test
    void historyIsTrimmedToWhatTheFramesReach() {
        PlannedRequestEngine rows = (PlannedRequestEngine) RequestEngines.create(ROWS_SQL, SCHEMAS);
        PlannedRequestEngine range = (PlannedRequestEngine) RequestEngines.create(UNION_AND_JOIN_SQL, SCHEMAS);
        for (long second = 1; second <= 1000; second++) {
            rows.append("t1", row((int) second, "a", second, 1.0));
            range.append("t1", row((int) second, "a", second, 1.0));
        }
        // ROWS 1 PRECEDING: two rows before the clock (one spare) and the row at it.
        assertThat(rows.storedRows()).isEqualTo(3);
        // ROWS_RANGE 10s: the rows from 990 s to 1000 s.
        assertThat(range.storedRows()).isEqualTo(11);
        assertThat(range.compute(row(0, "a", 1000L, 1.0))).containsExactly(0, 12L, 0, null);
    }

    @Test
    void computesRunBesideAppends() throws Exception {
        RequestEngine engine = RequestEngines.create(UNION_AND_JOIN_SQL, SCHEMAS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(pool.submit(() -> {
                for (long second = 1; second <= 2000; second++) {
                    engine.append("t2", row((int) second, "k" + second % 3, second, 1.0));
                }
            }));
            for (int t = 0; t < 3; t++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Object[] out = engine.compute(row(i, "k" + i % 3, 5000L, 1.0));
                        assertThat((Long) out[1]).isBetween(1L, 1L + 11);
                    }
                }));
            }
            for (Future<?> task : running) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Every t2 row of key k0 within 10 s of 5000 s: none (they end at 2000 s); the request itself counts.
        assertThat(engine.compute(row(1, "k0", 5000L, 1.0))).containsExactly(1, 1L, 1, 1.0);
    }
}

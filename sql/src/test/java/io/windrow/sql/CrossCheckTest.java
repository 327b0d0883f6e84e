package io.windrow.sql;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random data, checked against an independent engine and against itself: the windows agree with
 * DuckDB's window functions row for row, UNION ... INSTANCE_NOT_IN_WINDOW windows agree with the
 * frames DuckDB builds by lateral joins, and the output is identical with 1 and 7 shuffle
 * partitions. Times are distinct within a key, so DuckDB's RANGE (which includes peers) means
 * the same as ROWS_RANGE.
 */
class CrossCheckTest {
    private static final String SQL = """
            SELECT id,
              sum(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS s3,
              min(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS mn3,
              count(v) OVER (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW) AS c5,
              max(v) OVER (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW) AS mx5,
              sum(v) OVER (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND 2s PRECEDING) AS hs
            FROM t""";
    private static final String DUCK = """
            SELECT id,
              sum(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS s3,
              min(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS mn3,
              count(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN 5000 PRECEDING AND CURRENT ROW) AS c5,
              max(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN 5000 PRECEDING AND CURRENT ROW) AS mx5,
              sum(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN 5000 PRECEDING AND 2000 PRECEDING) AS hs
            FROM t ORDER BY pos""";

    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;
    private static List<Object[]> data;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        Random random = new Random(42);
        data = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int id = 0; id < 400; id++) {
            String k = "k" + random.nextInt(6);
            long ts;
            do {
                ts = random.nextInt(60_000);
            } while (!used.add(k + ts));
            Integer v = random.nextInt(10) == 0 ? null : random.nextInt(200) - 50;
            data.add(new Object[] {id, k, ts, v});
        }
        tables = Map.of("t", Tables.table(spark, "CREATE TABLE t (id int, k string, ts bigint, v int);",
                data.toArray(new Object[0][])));
    }

    @Test
    void windowsAgreeWithDuckDb() throws Exception {
        List<List<Object>> ours = Tables.rows(new FeatureEngine(spark).execute(SQL, tables));
        List<List<Object>> duck = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (pos INTEGER, id INTEGER, k VARCHAR, ts BIGINT, v INTEGER)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < data.size(); i++) {
                    insert.setInt(1, i);
                    insert.setObject(2, data.get(i)[0]);
                    insert.setObject(3, data.get(i)[1]);
                    insert.setObject(4, data.get(i)[2]);
                    insert.setObject(5, data.get(i)[3]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (ResultSet rs = statement.executeQuery(DUCK)) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getInt(1));
                    row.add(rs.getObject(2) == null ? null : rs.getInt(2));
                    row.add(rs.getObject(3) == null ? null : rs.getInt(3));
                    row.add(rs.getLong(4));
                    row.add(rs.getObject(5) == null ? null : rs.getInt(5));
                    row.add(rs.getObject(6) == null ? null : rs.getInt(6));
                    duck.add(row);
                }
            }
        }
        assertThat(ours).hasSize(400);
        assertThat(ours).isEqualTo(duck);
    }

    /**
     * Union windows: six union rows per main row, so many union rows enter and leave a frame
     * between two main rows (the states catch up only when a main row reads them). DuckDB builds
     * each main row's frame explicitly: the row itself plus the newest union rows in range.
     */
    @Test
    void unionWindowsAgreeWithExplicitFramesInDuckDb() throws Exception {
        Random random = new Random(7);
        Set<String> used = new HashSet<>();
        List<Object[]> main = new ArrayList<>();
        List<Object[]> union = new ArrayList<>();
        for (int id = 0; id < 1_050; id++) {
            String k = "k" + random.nextInt(6);
            long ts;
            do {
                ts = random.nextInt(60_000);
            } while (!used.add(k + ts));
            (id % 7 == 0 ? main : union).add(new Object[] {id, k, ts, random.nextInt(9)});
        }
        String ddl = "CREATE TABLE %s (id int, k string, ts bigint, v int);";
        Map<String, Dataset<Row>> both = Map.of(
                "t", Tables.table(spark, ddl.formatted("t"), main.toArray(new Object[0][])),
                "u", Tables.table(spark, ddl.formatted("u"), union.toArray(new Object[0][])));
        String sql = """
                SELECT id, sum(v) OVER w1 AS s1, count(v) OVER w1 AS c1, max(v) OVER w1 AS m1,
                  distinct_count(v) OVER w1 AS d1, sum(v) OVER w2 AS s2, count(v) OVER w3 AS c3
                FROM t WINDOW
                  w1 AS (UNION u PARTITION BY k ORDER BY ts
                    ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW MAXSIZE 4 INSTANCE_NOT_IN_WINDOW),
                  w2 AS (UNION u PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW INSTANCE_NOT_IN_WINDOW),
                  w3 AS (UNION u PARTITION BY k ORDER BY ts
                    ROWS_RANGE BETWEEN 8s PRECEDING AND 2s PRECEDING INSTANCE_NOT_IN_WINDOW)""";
        String duckSql = """
                WITH f1 AS (SELECT t.id, x.v FROM t, LATERAL (SELECT u.v FROM u WHERE u.k = t.k
                              AND u.ts BETWEEN t.ts - 5000 AND t.ts ORDER BY u.ts DESC LIMIT 3) x
                            UNION ALL SELECT id, v FROM t),
                     f2 AS (SELECT t.id, x.v FROM t, LATERAL (SELECT u.v FROM u WHERE u.k = t.k
                              AND u.ts < t.ts ORDER BY u.ts DESC LIMIT 2) x
                            UNION ALL SELECT id, v FROM t),
                     f3 AS (SELECT t.id, u.v FROM t JOIN u ON u.k = t.k AND u.ts BETWEEN t.ts - 8000 AND t.ts - 2000)
                SELECT t.id, a.s1, a.c1, a.m1, a.d1, b.s2, coalesce(c.c3, 0)
                FROM t
                JOIN (SELECT id, sum(v) s1, count(v) c1, max(v) m1, count(DISTINCT v) d1 FROM f1 GROUP BY id) a USING (id)
                JOIN (SELECT id, sum(v) s2 FROM f2 GROUP BY id) b USING (id)
                LEFT JOIN (SELECT id, count(v) c3 FROM f3 GROUP BY id) c USING (id)
                ORDER BY t.pos""";
        List<List<Object>> ours = Tables.rows(new FeatureEngine(spark).execute(sql, both));
        List<List<Object>> duck = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (String table : List.of("t", "u")) {
                statement.execute("CREATE TABLE " + table + " (pos INTEGER, id INTEGER, k VARCHAR, ts BIGINT, v INTEGER)");
                List<Object[]> rows = table.equals("t") ? main : union;
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < rows.size(); i++) {
                        insert.setInt(1, i);
                        for (int c = 0; c < 4; c++) {
                            insert.setObject(c + 2, rows.get(i)[c]);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            try (ResultSet rs = statement.executeQuery(duckSql)) {
                while (rs.next()) {
                    duck.add(List.of(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getLong(5), rs.getInt(6),
                            rs.getLong(7)));
                }
            }
        }
        assertThat(ours).hasSize(main.size());
        assertThat(duck).hasSize(main.size());
        assertThat(ours).isEqualTo(duck);
        assertThat(duck).as("frames that MAXSIZE cuts and windows that are empty both occur")
                .anySatisfy(row -> assertThat(row.get(2)).isEqualTo(4L))
                .anySatisfy(row -> assertThat(row.get(6)).isEqualTo(0L));
    }

    @Test
    void sameRowsForAnyPartitionCount() {
        String sql = SQL.replace("FROM t", "FROM t LAST JOIN (SELECT k AS k2, max(v) OVER (PARTITION BY k ORDER BY ts "
                + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS m FROM t) AS x ON t.k = x.k2").replace("SELECT id,",
                "SELECT id, m,");
        List<List<Object>> one = Tables.rows(new FeatureEngine(spark, FeatureEngine.standardFunctions(), 1).execute(sql, tables));
        List<List<Object>> seven = Tables.rows(new FeatureEngine(spark, FeatureEngine.standardFunctions(), 7).execute(sql, tables));
        assertThat(one).hasSize(400);
        assertThat(seven).isEqualTo(one);
    }
}

package io.windrow.sql;

import io.windrow.sql.parser.QueryParameters;
import io.windrow.testing.TestSpark;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query forms of OpenMLDB's offline dialect beyond one table: SELECT without FROM (one row), WITH,
 * LEFT JOIN,
 * tables of several databases ({@code db.table}, {@code db.table.column}), parameterized queries
 * ({@code ?} as typed constants), and bitwise operators computed on integers.
 */
class QueryFormsTest {
    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        Dataset<Row> t = Tables.table(spark, "CREATE TABLE t (id int, s smallint, v bigint, ts timestamp);",
                new Object[] {1, (short) 3, 12L, new Timestamp(1000L)},
                new Object[] {2, (short) 6, null, new Timestamp(2000L)},
                new Object[] {3, (short) 5, 7L, new Timestamp(3000L)});
        Dataset<Row> other = Tables.table(spark, "CREATE TABLE names (id int, name string);",
                new Object[] {1, "one"}, new Object[] {3, "three"});
        tables = Map.of("t", t, "db1.t", t, "db2.names", other);
    }

    private static List<List<Object>> run(String sql) {
        return Tables.rows(new FeatureEngine(spark).execute(sql, tables));
    }

    private static List<List<Object>> run(String sql, QueryParameters parameters) {
        return Tables.rows(new FeatureEngine(spark).execute(sql, tables, parameters));
    }

    @Test
    void selectWithoutFromGivesOneRow() {
        assertThat(run("SELECT 1 AS id, 'a' AS s, substring('hello_world', 3, 6) AS sub, 7 / 2 AS half"))
                .containsExactly(Arrays.asList(1, "a", "llo_wo", 3.5));
        assertThat(run("SELECT * FROM (SELECT 2 AS x) AS q")).containsExactly(List.of(2));
    }

    @Test
    void withQueriesAreReadWhereTheirNameIsUsed() {
        assertThat(run("WITH big AS (SELECT id, v FROM t WHERE v > 10), b2 AS (SELECT id FROM big) "
                + "SELECT b2.id, t.s FROM t LAST JOIN b2 ON t.id = b2.id"))
                .containsExactly(Arrays.asList(1, (short) 3), Arrays.asList(null, (short) 6), Arrays.asList(null, (short) 5));
        assertThat(run("WITH q AS (SELECT 5 AS x) SELECT x + 1 AS y FROM q")).containsExactly(List.of(6));
        assertThatThrownBy(() -> run("WITH q AS (SELECT 1 AS x), q AS (SELECT 2 AS x) SELECT x FROM q"))
                .hasMessageContaining("WITH query q is defined twice");
    }

    @Test
    void tablesOfSeveralDatabases() {
        assertThat(run("SELECT db1.t.id, db2.names.name FROM db1.t LAST JOIN db2.names ON db1.t.id = db2.names.id"))
                .containsExactly(Arrays.asList(1, "one"), Arrays.asList(2, null), Arrays.asList(3, "three"));
        // a table written db.t is db.t, not t (OpenMLDB's test_multiple_databases case 3); a plain t is also db.t
        assertThatThrownBy(() -> run("SELECT names.name FROM db2.names")).hasMessageContaining("unknown column names.name");
        assertThat(run("SELECT db1.t.id FROM t WHERE t.id = 2")).containsExactly(List.of(2));
        Map<String, Dataset<Row>> sameName = Map.of("db1.t", tables.get("t"), "db2.t", tables.get("db2.names"));
        assertThat(Tables.rows(new FeatureEngine(spark).execute("SELECT db1.t.id, db2.t.name FROM db1.t "
                + "LAST JOIN db2.t ON db1.t.id = db2.t.id", sameName)))
                .containsExactly(Arrays.asList(1, "one"), Arrays.asList(2, null), Arrays.asList(3, "three"));
        // a db.table the caller gives only by its plain name (the stage's one database)
        Map<String, Dataset<Row>> plain = Map.of("t", tables.get("t"));
        assertThat(Tables.rows(new FeatureEngine(spark).execute("SELECT count(id) AS n FROM demo.t", plain)))
                .containsExactly(List.of(3L));
    }

    @Test
    void parametersAreTypedConstants() {
        QueryParameters parameters = new QueryParameters(List.of(SqlType.INT32, SqlType.STRING),
                Arrays.asList(4, "x"));
        assertThat(run("SELECT id, concat(?, 'y') AS c FROM t WHERE s = ?",
                new QueryParameters(List.of(SqlType.STRING, SqlType.INT32), Arrays.asList("x", 6))))
                .containsExactly(Arrays.asList(2, "xy"));
        assertThat(run("SELECT ? AS a, ? AS b", parameters)).containsExactly(Arrays.asList(4, "x"));
        assertThat(run("SELECT id FROM t WHERE ts > ?", new QueryParameters(List.of(SqlType.TIMESTAMP),
                List.of(new Timestamp(1500L))))).containsExactly(List.of(2), List.of(3));
        assertThat(run("SELECT ? AS n", new QueryParameters(List.of(SqlType.INT64), Arrays.asList((Object) null))))
                .containsExactly(Arrays.asList((Object) null));
        assertThatThrownBy(() -> run("SELECT ? AS a FROM t", QueryParameters.NONE))
                .hasMessageContaining("more ? placeholders than the 0 parameters given");
        assertThatThrownBy(() -> run("SELECT ? AS a FROM t", parameters))
                .hasMessageContaining("1 ? placeholder(s) but 2 parameter(s) are given");
        assertThatThrownBy(() -> new QueryParameters(List.of(SqlType.INT32), List.of("5")))
                .hasMessageContaining("parameter 1 of type int32 has the value 5");
        assertThat(QueryParameters.parse(SqlType.TIMESTAMP, "1000")).isEqualTo(new Timestamp(1000L));
        assertThatThrownBy(() -> QueryParameters.parse(SqlType.INT16, "70000")).hasMessage("'70000' is not a int16");
    }

    /** OpenMLDB's query/left_join.yml "simple left join" and "last join to a left join subquery". */
    @Test
    void leftJoinKeepsEveryMatchOrTheLeftRowAlone() {
        Dataset<Row> t1 = Tables.table(spark, "CREATE TABLE t1 (c1 string, c2 int);",
                new Object[] {"aa", 20}, new Object[] {"bb", 30}, new Object[] {"cc", 40});
        Dataset<Row> t2 = Tables.table(spark, "CREATE TABLE t2 (c2 int, c4 bigint);",
                new Object[] {20, 3000L}, new Object[] {20, 2000L}, new Object[] {40, 1L});
        Map<String, Dataset<Row>> joined = Map.of("t1", t1, "t2", t2);
        FeatureEngine engine = new FeatureEngine(spark);
        assertThat(Tables.rows(engine.execute("SELECT t1.c1 AS id, t2.* FROM t1 LEFT JOIN t2 ON t1.c2 = t2.c2 "
                + "AND t2.c4 > 1", joined))).containsExactly(Arrays.asList("aa", 20, 3000L),
                Arrays.asList("aa", 20, 2000L), Arrays.asList("bb", null, null), Arrays.asList("cc", null, null));
        // the LAST JOIN over it takes the latest matching row of the left join's result
        assertThat(Tables.rows(engine.execute("SELECT t1.c1, tx.c4 FROM t1 LAST JOIN (SELECT t1.c2 AS k, t2.c4 AS c4 "
                + "FROM t1 LEFT OUTER JOIN t2 ON t1.c2 = t2.c2) AS tx ON t1.c2 = tx.k", joined)))
                .containsExactly(Arrays.asList("aa", 2000L), Arrays.asList("bb", null), Arrays.asList("cc", 1L));
        assertThatThrownBy(() -> engine.execute("SELECT t1.c1 FROM t1 LEFT JOIN t2 ON t1.c2", joined))
                .isInstanceOf(SqlException.class).hasMessageContaining("the LEFT JOIN ON condition is int32");
    }

    /** OpenMLDB's test_feature_zero_function case 1: an aggregate over the pieces of a window split. */
    @Test
    void aggregatesOverAWindowSplit() {
        Dataset<Row> kv = Tables.table(spark, "CREATE TABLE kv (pk int, id bigint, c1 string);",
                new Object[] {1, 1L, "k1:v1,k2:v2"}, new Object[] {1, 2L, "k3:v3"}, new Object[] {1, 3L, "k1:v9"});
        assertThat(Tables.rows(new FeatureEngine(spark).execute("SELECT id, `join`(window_split(c1, ','), ' ') OVER w AS j, "
                + "count(window_split_by_key(c1, ',', ':')) OVER w AS n, "
                + "distinct_count(window_split_by_key(c1, ',', ':')) OVER w AS d FROM kv "
                + "WINDOW w AS (PARTITION BY pk ORDER BY id ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)", Map.of("kv", kv))))
                .containsExactly(Arrays.asList(1L, "k1:v1 k2:v2", 2L, 2L),
                        Arrays.asList(2L, "k3:v3 k1:v1 k2:v2", 3L, 3L),
                        Arrays.asList(3L, "k1:v9 k3:v3 k1:v1 k2:v2", 4L, 3L));
    }

    /** OpenMLDB's test_udf_function case 7 and test_feature_zero_function case 2: split lists through Spark. */
    @Test
    void listsOfSplitReachTheFunctionsThatReadThem() {
        assertThat(run("SELECT `join`(split('7,8,9', ','), '-') AS j, at(split('7,8,9', ','), 1) AS a, "
                + "at(split('7,8,9', ','), 3) AS outside, size(split_by_key('a:1,b:2', ',', ':')) AS n"))
                .containsExactly(Arrays.asList("7-8-9", "8", null, 2));
    }

    @Test
    void bitwiseOperatorsOnIntegers() {
        assertThat(run("SELECT s & 6 AS a, s | v AS o, v ^ 5 AS x, ~s AS n FROM t")).containsExactly(
                Arrays.asList(2, 15L, 9L, (short) -4),
                Arrays.asList(6, null, null, (short) -7),
                Arrays.asList(4, 7L, 2L, (short) -6));
    }
}

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

/**
 * LAST JOIN with exact expected rows: key-only (latest in right input order wins), ORDER BY,
 * as-of joins with inclusive and exclusive time predicates (with and without ORDER BY), another
 * extra predicate, NULL keys, and joins between subqueries. Output is in the left input's order.
 * Every query runs twice, with the small right table broadcast and with broadcasting off (the
 * streamed pass), and both must agree.
 *
 * <p>Right rows in input order: (a, 1000, 10), (a, 2000, 20), (a, 3000, 30), (a, 2000, 21),
 * (b, 5000, 50), (NULL, 1000, 99).
 */
class LastJoinTest {
    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        Dataset<Row> l = Tables.table(spark, "CREATE TABLE l (id int, k string, ts timestamp);",
                new Object[] {1, "a", 3000L}, new Object[] {2, "a", 1500L}, new Object[] {3, "b", 1000L},
                new Object[] {4, null, 1000L}, new Object[] {5, "c", 1000L});
        Dataset<Row> r = Tables.table(spark, "CREATE TABLE r (k string, ts timestamp, v int);",
                new Object[] {"a", 1000L, 10}, new Object[] {"a", 2000L, 20}, new Object[] {"a", 3000L, 30},
                new Object[] {"a", 2000L, 21}, new Object[] {"b", 5000L, 50}, new Object[] {null, 1000L, 99});
        tables = Map.of("l", l, "r", r);
    }

    /** Column v of the query, the same whether small right sides are broadcast or streamed. */
    private static List<Object> v(String sql) {
        List<Object> broadcast = run(sql);
        String threshold = "spark.sql.autoBroadcastJoinThreshold";
        String saved = spark.conf().get(threshold);
        spark.conf().set(threshold, "-1");
        try {
            assertThat(run(sql)).as("streamed plan vs broadcast plan").isEqualTo(broadcast);
        } finally {
            spark.conf().set(threshold, saved);
        }
        return broadcast;
    }

    private static List<Object> run(String sql) {
        Dataset<Row> result = new FeatureEngine(spark).execute(sql, tables);
        assertThat(Tables.column(result, "id")).containsExactly(1, 2, 3, 4, 5);
        return Tables.column(result, "v");
    }

    @Test
    void withoutOrderByTheLatestRightRowInInputOrderWins() {
        assertThat(v("SELECT l.id, r.v FROM l LAST JOIN r ON l.k = r.k")).isEqualTo(Arrays.asList(21, 21, 50, null, null));
    }

    @Test
    void orderByPicksTheLargestValue() {
        assertThat(v("SELECT l.id, r.v FROM l LAST JOIN r ORDER BY r.ts ON l.k = r.k"))
                .isEqualTo(Arrays.asList(30, 30, 50, null, null));
    }

    @Test
    void asOfJoinInclusive() {
        assertThat(v("SELECT l.id, r.v FROM l LAST JOIN r ORDER BY r.ts ON l.k = r.k AND l.ts >= r.ts"))
                .isEqualTo(Arrays.asList(30, 10, null, null, null));
    }

    @Test
    void asOfJoinExclusiveBreaksTiesByRightInputOrder() {
        assertThat(v("SELECT l.id, r.v FROM l LAST JOIN r ORDER BY r.ts ON r.ts < l.ts AND l.k = r.k"))
                .isEqualTo(Arrays.asList(21, 10, null, null, null));
    }

    @Test
    void asOfJoinWithoutOrderBy() {
        assertThat(v("SELECT l.id, r.v FROM l LAST JOIN r ON l.k = r.k AND l.ts >= r.ts"))
                .isEqualTo(Arrays.asList(21, 10, null, null, null));
    }

    @Test
    void otherExtraPredicates() {
        assertThat(v("SELECT l.id, r.v FROM l LAST JOIN r ORDER BY r.ts ON l.k = r.k AND r.v > 15 AND r.v < 30"))
                .isEqualTo(Arrays.asList(21, 21, null, null, null));
    }

    @Test
    void joinsBetweenSubqueries() {
        assertThat(v("SELECT * FROM (SELECT id, k AS key FROM l) AS x LAST JOIN (SELECT k, v FROM r) AS y ON x.key = y.k"))
                .isEqualTo(Arrays.asList(21, 21, 50, null, null));
    }
}

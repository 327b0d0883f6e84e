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
 * GROUP BY and HAVING: one row per key (NULL a key like any other) in the order of each group's
 * first row, exact values, order-sensitive aggregates seeing the rows in input order, HAVING on
 * aggregates, grouping by an expression, grouping a LAST JOIN's result, and the error for a column
 * that is neither grouped nor aggregated.
 */
class GroupByTest {
    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        Dataset<Row> t = Tables.table(spark, "CREATE TABLE t (id int, g string, v int);",
                new Object[] {1, "b", 2},
                new Object[] {2, "a", 1},
                new Object[] {3, null, 7},
                new Object[] {4, "b", 3},
                new Object[] {5, "a", null},
                new Object[] {6, "b", 5});
        Dataset<Row> names = Tables.table(spark, "CREATE TABLE n (g string, label string);",
                new Object[] {"a", "alpha"}, new Object[] {"b", "beta"});
        tables = Map.of("t", t, "n", names);
    }

    private static List<List<Object>> run(String sql) {
        return Tables.rows(new FeatureEngine(spark).execute(sql, tables));
    }

    @Test
    void oneRowPerKeyInOrderOfFirstAppearance() {
        assertThat(run("SELECT g, count(*) AS n, sum(v) AS s, first_value(id) AS first, sum(v) * 2 AS twice "
                + "FROM t GROUP BY g")).containsExactly(
                Arrays.asList("b", 3L, 10, 1, 20),
                Arrays.asList("a", 2L, 1, 2, 2),
                Arrays.asList(null, 1L, 7, 3, 14));
    }

    @Test
    void havingFiltersGroupsByTheirAggregates() {
        assertThat(run("SELECT g, count(v) AS n FROM t WHERE id > 1 GROUP BY g HAVING sum(v) > 5 AND g IS NOT NULL"))
                .containsExactly(Arrays.asList("b", 2L));
    }

    @Test
    void groupsByAnExpressionAndUsesItInside() {
        assertThat(run("SELECT id % 2 AS odd, (id % 2) * 10 AS tens, count(*) AS n FROM t GROUP BY id % 2"))
                .containsExactly(Arrays.asList(1, 10, 3L), Arrays.asList(0, 0, 3L));
    }

    @Test
    void groupsTheResultOfALastJoin() {
        assertThat(run("SELECT n.label, sum(t.v) AS s FROM t LAST JOIN n ON t.g = n.g GROUP BY n.label LIMIT 2"))
                .containsExactly(Arrays.asList("beta", 10), Arrays.asList("alpha", 1));
    }

    @Test
    void aColumnNeitherGroupedNorAggregatedIsAnError() {
        assertThatThrownBy(() -> run("SELECT g, id FROM t GROUP BY g"))
                .isInstanceOf(SqlException.class)
                .hasMessage("line 1:11: column id is neither grouped nor aggregated; add it to GROUP BY or use it "
                        + "inside an aggregate near 'id'");
    }
}

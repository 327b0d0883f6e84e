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
import static org.assertj.core.api.Assertions.within;

/**
 * Aggregates without OVER over a whole table ({@code SELECT entropy(c) FROM t}): one row, exact
 * values, order-sensitive functions seeing the rows in input order even when the input spans
 * several partitions, an empty table, and the error for a column outside the aggregates.
 */
class TableAggregateTest {
    private static final String DDL = "CREATE TABLE t (id int, g string, v int);";
    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.spark();
        Dataset<Row> t = Tables.table(spark, DDL,
                new Object[] {4, "b", 2},
                new Object[] {1, "a", 1},
                new Object[] {3, "a", null},
                new Object[] {2, "b", 2},
                new Object[] {5, "a", 4}).repartition(3).sortWithinPartitions("id");
        tables = Map.of("t", t.localCheckpoint(), "empty", t.limit(0));
    }

    @Test
    void aggregatesAllRowsIntoOne() {
        Dataset<Row> input = tables.get("t");
        List<Object> ids = Tables.column(input, "id");
        Dataset<Row> result = new FeatureEngine(spark).execute("""
                SELECT count(*) AS n, count(v) AS nv, sum(v) AS s, sum(v) * 10 + count(v) AS expr,
                  first_value(id) AS first, entropy(g) AS e, topn_frequency(g, 2) AS top
                FROM t""", tables);
        // entropy of (a, a, a, b, b) in bits; the first row is the input's, whatever its partitioning.
        double entropy = -(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4)) / Math.log(2);
        List<List<Object>> rows = Tables.rows(result);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).subList(0, 5)).containsExactly(5L, 4L, 9, 94L, ids.get(0));
        assertThat((Double) rows.get(0).get(5)).isCloseTo(entropy, within(1e-12));
        assertThat(rows.get(0).get(6)).isEqualTo("a,b");
    }

    @Test
    void emptyTableGivesOneRowOfEmptyResults() {
        Dataset<Row> result = new FeatureEngine(spark).execute("SELECT count(v) AS n, sum(v) AS s FROM empty", tables);
        assertThat(Tables.rows(result)).containsExactly(Arrays.asList(0L, null));
    }

    @Test
    void columnsOutsideAggregatesAreRejected() {
        assertThatThrownBy(() -> new FeatureEngine(spark).execute("SELECT g, count(v) AS n FROM t", tables))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 1:8: a column outside an aggregate function in a SELECT that aggregates the whole "
                        + "table (no window, no GROUP BY) near 'g'");
        assertThatThrownBy(() -> new FeatureEngine(spark).execute("SELECT count(v) OVER (PARTITION BY g ORDER BY id "
                + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w, sum(v) AS s FROM t", tables))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 1:98: aggregate sum without OVER in a SELECT with windows");
    }
}

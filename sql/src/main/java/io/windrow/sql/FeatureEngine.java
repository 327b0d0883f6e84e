package io.windrow.sql;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Runs feature SQL in the OpenMLDB dialect on stock Spark: parses the text, plans it and returns
 * the result as a Dataset. Tables are given by name (as the SQL refers to them).
 */
public final class FeatureEngine {
    private final SparkSession spark;

    public FeatureEngine(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark");
    }

    /**
     * Executes one SELECT statement of the dialect over the named tables.
     *
     * @throws IllegalArgumentException for syntax errors (with line:column), unknown tables,
     *     columns or functions, and unsupported constructs
     */
    public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables) {
        requireNonNull(sql, "sql");
        requireNonNull(tables, "tables");
        throw new UnsupportedOperationException("not implemented yet");
    }
}

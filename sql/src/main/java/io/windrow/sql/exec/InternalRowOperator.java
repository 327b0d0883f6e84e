package io.windrow.sql.exec;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.util.Iterator;
import java.util.List;

/**
 * Runs a row-at-a-time operator over Spark's internal rows. {@code Dataset.mapPartitions} hands an
 * operator external {@link Row}s: every column of every row is decoded into Java objects (strings
 * into {@code String}s) and the output encoded back, which a JFR profile of the feature benchmark put
 * at about a fifth of all the work. Here the operator reads only the columns it computes on, and
 * passes the others through untouched: it may return rows that point into its input row (a
 * {@code JoinedRow}), because Spark projects each output row into its own buffer before asking for
 * the next.
 *
 * <p>Input rows are reused by Spark: whatever an operator keeps across rows must be copied
 * ({@link InternalRow#copyValue}).
 */
final class InternalRowOperator {
    private InternalRowOperator() {}

    /** {@code operator} applied to each partition of {@code input}; its rows have {@code outputSchema}. */
    static Dataset<Row> mapPartitions(Dataset<Row> input, StructType outputSchema,
            FlatMapFunction<Iterator<InternalRow>, InternalRow> operator) {
        return create(input, outputSchema, input.queryExecution().toRdd().toJavaRDD().mapPartitions(operator, true));
    }

    /**
     * {@code operator} applied once to all rows of {@code input}, which has at most one partition:
     * it runs even when the input has none (Spark plans an empty input with no partitions at all).
     */
    static Dataset<Row> mapSinglePartition(Dataset<Row> input, StructType outputSchema,
            FlatMapFunction<Iterator<InternalRow>, InternalRow> operator) {
        JavaRDD<InternalRow> rows = input.queryExecution().toRdd().toJavaRDD();
        if (rows.getNumPartitions() > 1) {
            throw new IllegalStateException("expected at most one partition, got " + rows.getNumPartitions());
        }
        if (rows.getNumPartitions() == 0) {
            rows = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext()).parallelize(List.of(), 1);
        }
        return create(input, outputSchema, rows.mapPartitions(operator, true));
    }

    private static Dataset<Row> create(Dataset<Row> input, StructType outputSchema, JavaRDD<InternalRow> output) {
        org.apache.spark.sql.classic.SparkSession session = (org.apache.spark.sql.classic.SparkSession) input.sparkSession();
        return session.internalCreateDataFrame(output.rdd(), outputSchema, false);
    }

    /** Column {@code ordinal} of {@code row} as Spark stores it ({@code UTF8String} for strings), or null. */
    static Object valueAt(InternalRow row, int ordinal, DataType type) {
        return row.isNullAt(ordinal) ? null : row.get(ordinal, type);
    }
}

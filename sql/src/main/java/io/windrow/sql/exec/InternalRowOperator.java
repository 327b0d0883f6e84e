package io.windrow.sql.exec;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.util.Iterator;

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
        RDD<InternalRow> rows = input.queryExecution().toRdd();
        RDD<InternalRow> output = rows.toJavaRDD().mapPartitions(operator, true).rdd();
        org.apache.spark.sql.classic.SparkSession session = (org.apache.spark.sql.classic.SparkSession) input.sparkSession();
        return session.internalCreateDataFrame(output, outputSchema, false);
    }

    /** Column {@code ordinal} of {@code row} as Spark stores it ({@code UTF8String} for strings), or null. */
    static Object valueAt(InternalRow row, int ordinal, DataType type) {
        return row.isNullAt(ordinal) ? null : row.get(ordinal, type);
    }
}

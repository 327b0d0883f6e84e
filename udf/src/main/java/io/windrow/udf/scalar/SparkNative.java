package io.windrow.udf.scalar;

import org.apache.spark.sql.Column;

import java.util.List;

/**
 * Implemented by a {@link BoundFunction} that Spark's own expressions compute with exactly its
 * results, so the Spark backend can use Catalyst's generated code instead of calling
 * {@link BoundFunction#apply} row by row. The equality is a claim tests must check: each
 * implementation is cross-checked against {@code apply} on the same inputs, NULLs and edge values
 * included.
 */
public interface SparkNative {
    /** The call as a Spark column; {@code arguments} are already converted to the parameter types. */
    Column toSpark(List<Column> arguments);
}

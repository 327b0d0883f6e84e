package io.windrow.udf;

import org.apache.spark.sql.types.DataType;

import java.io.Serializable;
import java.util.List;

/**
 * A window aggregate of the OpenMLDB dialect ({@code count}, {@code topn_frequency},
 * {@code count_where}, ...), with OpenMLDB's exact results. It types a call from its argument
 * types and creates fresh {@link WindowState}s for the window operator.
 *
 * <p>A call's arguments are split in two: the first {@link #valueArity} are per-row values, the
 * rest are constants (literals) fixed for the whole call, passed to {@link #newState}.
 *
 * <p>Functions are {@link Serializable} (and immutable), so Spark operators can ship them to
 * executors and create the states there.
 */
public interface WindowFunction extends Serializable {
    /** The canonical name, lower case. */
    String name();

    /** Other names accepted for it (e.g. {@code fz_topn_frequency}). */
    default List<String> aliases() {
        return List.of();
    }

    /** One line: what it computes, for {@code scripts/windrow functions}. */
    String description();

    /** A usage line such as {@code topn_frequency(value, n)}. */
    String signature();

    /** How many leading arguments are per-row values; the remaining ones must be constants. */
    int valueArity(int argumentCount);

    /**
     * The result type for these argument types (values first, then constants).
     *
     * @throws IllegalArgumentException naming the function when the arguments don't fit
     */
    DataType resultType(List<DataType> argumentTypes);

    /** A state for a frame that starts empty. {@code constants} are the trailing literal arguments. */
    WindowState newState(List<DataType> argumentTypes, List<Object> constants);
}

package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;

import java.io.Serializable;
import java.util.List;

/**
 * A built-in scalar function of the OpenMLDB dialect ({@code substr}, {@code hour},
 * {@code like_match}, ...), with OpenMLDB's exact results. The analyzer binds each call to argument
 * types once ({@link #bind}); the bound function says which type each argument is converted to and
 * what the result type is, and evaluates rows. Immutable and {@link Serializable}: Spark ships bound
 * functions to executors.
 */
public interface ScalarFunction extends Serializable {
    /** The canonical name, lower case. */
    String name();

    /** Other names accepted for it. */
    default List<String> aliases() {
        return List.of();
    }

    /** One line: what it computes, for {@code scripts/windrow functions}. */
    String description();

    /** Usage lines, one per overload, such as {@code substr(string, int32[, int32]) -> string}. */
    List<String> signatures();

    /**
     * Chooses the overload for these argument types (OpenMLDB's implicit conversions allowed).
     *
     * @throws IllegalArgumentException naming the function, the types given and what would be accepted
     */
    BoundFunction bind(List<SqlType> argumentTypes);
}

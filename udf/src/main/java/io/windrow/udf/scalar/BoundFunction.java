package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;

import java.io.Serializable;
import java.util.List;

/**
 * A scalar function bound to the argument types of one call: the typed plan converts argument i to
 * {@link #parameterTypes()}.get(i) before the call, so {@link #apply} receives values of exactly
 * those types, in {@link SqlType}'s Java representation (null for NULL).
 */
public interface BoundFunction extends Serializable {
    /** The type each argument is converted to; as many as the call has arguments. */
    List<SqlType> parameterTypes();

    SqlType resultType();

    /**
     * Whether a NULL in any argument makes the result NULL without calling {@link #apply}: true for
     * most functions; false for those that look at NULLs ({@code ifnull}, {@code concat_ws}, ...).
     */
    default boolean nullInNullOut() {
        return true;
    }

    /** The result for one row, in the Java representation of {@link #resultType()}; null for NULL. */
    Object apply(Object[] arguments);
}

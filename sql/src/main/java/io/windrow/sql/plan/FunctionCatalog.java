package io.windrow.sql.plan;

import io.windrow.udf.WindowFunction;

import java.io.Serializable;
import java.util.Optional;

/**
 * Finds window aggregate functions by name (canonical or alias, case-insensitive). Serializable:
 * the window operator looks functions up again on the executors.
 */
@FunctionalInterface
public interface FunctionCatalog extends Serializable {
    Optional<WindowFunction> lookup(String name);
}

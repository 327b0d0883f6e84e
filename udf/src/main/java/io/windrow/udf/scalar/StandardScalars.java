package io.windrow.udf.scalar;

import java.util.List;

/** The list behind {@link ScalarCatalog#standard()}: every built-in scalar, in listing order. */
final class StandardScalars {
    private StandardScalars() {}

    static List<ScalarFunction> all() {
        return List.of();
    }
}

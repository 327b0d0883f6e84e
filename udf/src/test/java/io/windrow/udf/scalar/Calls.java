package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;

import java.util.Arrays;
import java.util.List;

/** Test helper: binds a catalog function to argument types and applies it to one row. */
final class Calls {
    private Calls() {}

    static BoundFunction bind(String name, SqlType... types) {
        ScalarFunction function = ScalarCatalog.standard().lookup(name)
                .orElseThrow(() -> new AssertionError("no function " + name));
        return function.bind(List.of(types));
    }

    /** The result of {@code name(args)} with arguments of {@code types}, converted as the analyzer would not: values must already be of the parameter types. */
    static Object call(String name, List<SqlType> types, Object... args) {
        BoundFunction bound = bind(name, types.toArray(new SqlType[0]));
        return bound.apply(Arrays.copyOf(args, args.length));
    }
}

package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.windrow.udf.type.SqlType.BOOL;

/**
 * Functions that look at NULLs and choose among their arguments: {@code is_null}, {@code ifnull},
 * {@code nvl2}, {@code if}, {@code coalesce}, {@code identity}. Values that meet in the result are
 * converted to their common type ({@link Conversions#common}), as OpenMLDB does:
 * {@code ifnull(int_col, 'abc')} is a string, {@code nvl2(x, int64_col, float_col)} a double.
 */
final class ConditionalScalars {
    private ConditionalScalars() {}

    static List<ScalarFunction> all() {
        return List.of(
                Declared.function("is_null", "true when the argument is NULL").alias("isnull")
                        .generic(args -> args.size() != 1 ? null
                                        : new Overload(args, BOOL, false, a -> a[0] == null,
                                                c -> c.get(0).isNull(), false),
                                "is_null(any) -> bool"),
                Declared.function("ifnull", "the first argument, or the second when the first is NULL")
                        .alias("if_null", "nvl")
                        .generic(args -> args.size() != 2 ? null : choosing(List.of(), args,
                                        a -> a[0] != null ? a[0] : a[1], c -> functions.coalesce(c.get(0), c.get(1))),
                                "ifnull(T, T) -> T  (T: the common type of both)"),
                Declared.function("nvl2", "nvl2(x, a, b): a when x is not NULL, otherwise b")
                        .generic(args -> args.size() != 3 ? null : choosing(List.of(args.get(0)), args.subList(1, 3),
                                        a -> a[0] != null ? a[1] : a[2],
                                        c -> functions.when(c.get(0).isNotNull(), c.get(1)).otherwise(c.get(2))),
                                "nvl2(any, T, T) -> T"),
                Declared.function("if", "if(condition, a, b): a when the condition is true, otherwise (false or NULL) b")
                        .generic(args -> args.size() != 3 || (args.get(0) != BOOL && args.get(0) != SqlType.NULL)
                                        ? null
                                        : choosing(List.of(BOOL), args.subList(1, 3),
                                        a -> Boolean.TRUE.equals(a[0]) ? a[1] : a[2],
                                        c -> functions.when(c.get(0), c.get(1)).otherwise(c.get(2))),
                                "if(bool, T, T) -> T"),
                Declared.function("coalesce", "the first argument that is not NULL; NULL if all are")
                        .generic(args -> args.isEmpty() ? null : choosing(List.of(), args, a -> {
                                    for (Object value : a) {
                                        if (value != null) {
                                            return value;
                                        }
                                    }
                                    return null;
                                }, c -> functions.coalesce(c.toArray(new Column[0]))),
                                "coalesce(T, ...) -> T"),
                extreme("maximum", "the greater of two values; the second when they cannot be compared (a NULL)", 1),
                extreme("minimum", "the lesser of two values; the second when they cannot be compared (a NULL)", -1),
                Declared.function("identity", "the argument itself")
                        .generic(args -> args.size() != 1 ? null
                                        : new Overload(args, args.get(0), false, a -> a[0], c -> c.get(0), false),
                                "identity(T) -> T"));
    }

    /**
     * OpenMLDB's maximum/minimum: {@code x > y ? x : y} (resp. {@code <}) in the common type, so a NULL
     * comparison takes the second argument: maximum(NULL, 5) is 5 but maximum(5, NULL) is NULL.
     */
    private static ScalarFunction extreme(String name, String description, int sign) {
        return Declared.function(name, description)
                .generic(args -> args.size() != 2 ? null : choosing(List.of(), args,
                                a -> a[0] != null && a[1] != null && sign * compare(a[0], a[1]) > 0 ? a[0] : a[1],
                                null),
                        name + "(T, T) -> T");
    }

    /** Values of one type in OpenMLDB's order: numbers by value, strings bytewise, false before true. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    y.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ((Comparable) a).compareTo(b);
    }

    /**
     * An overload whose leading parameters are {@code fixed} and whose other arguments, {@code chosen},
     * meet in one result of their common type; null when they have none.
     */
    private static Overload choosing(List<SqlType> fixed, List<SqlType> chosen, Overload.Impl impl,
                                     Overload.Translation spark) {
        return Conversions.common(chosen).map(common -> {
            List<SqlType> parameters = new ArrayList<>(fixed);
            parameters.addAll(Collections.nCopies(chosen.size(), common));
            return new Overload(parameters, common, false, impl, spark, false);
        }).orElse(null);
    }
}

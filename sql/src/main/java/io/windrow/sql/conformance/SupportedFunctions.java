package io.windrow.sql.conformance;

import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The function names Windrow implements with OpenMLDB's semantics, as far as the conformance report
 * knows: {@link FailureCause} puts a failing case that calls any other function under "calls a
 * function Windrow lacks". A diagnosis only: such cases run (and fail) like any other. Names are
 * compared in lower case. To be replaced by the scalar-function catalog's names once it exists.
 */
public final class SupportedFunctions {
    /**
     * The scalar functions and casts of the dialect that Windrow's engine translates itself (issue 3,
     * item 2, and ExpressionCompiler's own cases). A scalar outside this list counts as missing even
     * when Spark happens to have a function of that name, since its OpenMLDB semantics are not
     * implemented.
     */
    public static final List<String> DIALECT_SCALARS = List.of(
            "bool", "smallint", "int", "bigint", "float", "double", "string", "timestamp", "date", "cast",
            "isnull", "ifnull", "nvl", "nvl2", "coalesce", "if", "concat", "concat_ws", "substr", "substring",
            "year", "month", "day", "dayofmonth", "dayofweek", "dayofyear", "weekofyear", "week", "hour", "minute",
            "second");

    private final Set<String> names;

    private SupportedFunctions(Set<String> names) {
        this.names = names;
    }

    public static SupportedFunctions of(Collection<String> names) {
        return new SupportedFunctions(names.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Windrow's window functions ({@link FunctionRegistry#standard()}, names and aliases) and {@link #DIALECT_SCALARS}. */
    public static SupportedFunctions standard() {
        List<String> names = new ArrayList<>(DIALECT_SCALARS);
        for (WindowFunction function : FunctionRegistry.standard().all()) {
            names.add(function.name());
            names.addAll(function.aliases());
        }
        return of(names);
    }

    public boolean contains(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The names of {@code calls} that are not supported, in their order. */
    public Set<String> unsupported(Collection<String> calls) {
        return calls.stream().filter(call -> !contains(call)).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    public Set<String> names() {
        return names;
    }
}

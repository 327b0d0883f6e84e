package io.windrow.sql.conformance;

import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.scalar.ScalarCatalog;
import io.windrow.udf.scalar.ScalarFunction;

import io.windrow.sql.parser.Parser;

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
 * compared in lower case. The names come from the two catalogs the analyzer resolves calls through.
 */
public final class SupportedFunctions {

    private final Set<String> names;

    private SupportedFunctions(Set<String> names) {
        this.names = names;
    }

    public static SupportedFunctions of(Collection<String> names) {
        return new SupportedFunctions(names.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Windrow's window and scalar functions (names and aliases) and the cast functions. */
    public static SupportedFunctions standard() {
        // the cast functions (int(x), ...) are casts in the parser, not entries of a catalog
        List<String> names = new ArrayList<>(Parser.CAST_FUNCTIONS);
        names.add("cast");
        for (WindowFunction function : FunctionRegistry.standard().all()) {
            names.add(function.name());
            names.addAll(function.aliases());
        }
        for (ScalarFunction function : ScalarCatalog.standard().all()) {
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

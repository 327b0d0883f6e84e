package io.windrow.udf.scalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The scalar functions Windrow knows, looked up by name or alias, case-insensitively: the one
 * place the analyzer resolves a plain function call. A name it does not hold is an error, never a
 * call of Spark's function of the same name (whose semantics differ).
 */
public final class ScalarCatalog {
    private static final ScalarCatalog STANDARD = new ScalarCatalog(StandardScalars.all());

    private final List<ScalarFunction> functions;
    private final Map<String, ScalarFunction> byName;

    public ScalarCatalog(List<ScalarFunction> functions) {
        this.functions = List.copyOf(functions);
        Map<String, ScalarFunction> names = new LinkedHashMap<>();
        for (ScalarFunction function : this.functions) {
            List<String> keys = new ArrayList<>();
            keys.add(function.name());
            keys.addAll(function.aliases());
            for (String key : keys) {
                if (names.put(key.toLowerCase(Locale.ROOT), function) != null) {
                    throw new IllegalArgumentException("scalar function name registered twice: " + key);
                }
            }
        }
        this.byName = Map.copyOf(names);
    }

    /** Every scalar function Windrow implements. One shared instance: catalogs are immutable. */
    public static ScalarCatalog standard() {
        return STANDARD;
    }

    public Optional<ScalarFunction> lookup(String nameOrAlias) {
        requireNonNull(nameOrAlias, "nameOrAlias");
        return Optional.ofNullable(byName.get(nameOrAlias.toLowerCase(Locale.ROOT)));
    }

    /** All functions, each once, in listing order. */
    public List<ScalarFunction> all() {
        return functions;
    }
}

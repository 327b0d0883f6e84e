package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A scalar function declared as a table of {@link Overload}s, or, for the few whose signature is
 * generic in its types ({@code ifnull}, {@code concat}, ...), by a {@link Binder} with hand-written
 * usage lines. Binding picks the overload the arguments convert to most cheaply (see
 * {@link Conversions#cost}); ties go to the one declared first.
 */
final class Declared implements ScalarFunction {
    /** Binds a generic function; returns null when the argument types do not fit. */
    @FunctionalInterface
    interface Binder extends java.io.Serializable {
        Overload bind(List<SqlType> argumentTypes);
    }

    private final String name;
    private final List<String> aliases;
    private final String description;
    private final List<Overload> overloads;
    private final Binder binder;
    private final List<String> signatures;

    private Declared(String name, List<String> aliases, String description, List<Overload> overloads, Binder binder,
                     List<String> signatures) {
        this.name = requireNonNull(name, "name");
        this.aliases = List.copyOf(aliases);
        this.description = requireNonNull(description, "description");
        this.overloads = List.copyOf(overloads);
        this.binder = binder;
        this.signatures = List.copyOf(signatures);
    }

    static Builder function(String name, String description) {
        return new Builder(name, description);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> signatures() {
        return signatures;
    }

    @Override
    public BoundFunction bind(List<SqlType> argumentTypes) {
        requireNonNull(argumentTypes, "argumentTypes");
        Overload chosen = binder != null ? binder.bind(argumentTypes) : cheapest(argumentTypes);
        if (chosen == null) {
            throw new IllegalArgumentException(name + " does not accept (" + argumentTypes.stream()
                    .map(SqlType::sqlName).collect(Collectors.joining(", ")) + "); accepted: "
                    + String.join("; ", signatures));
        }
        return chosen.bind();
    }

    private Overload cheapest(List<SqlType> argumentTypes) {
        Overload best = null;
        int bestCost = Integer.MAX_VALUE;
        for (Overload overload : overloads) {
            int cost = Conversions.cost(argumentTypes, overload.parameters(), overload.boolAsNumber());
            if (cost != Conversions.NONE && cost < bestCost) {
                best = overload;
                bestCost = cost;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects a function's names, overloads and usage lines. */
    static final class Builder {
        private final String name;
        private final String description;
        private final List<String> aliases = new ArrayList<>();
        private final List<Overload> overloads = new ArrayList<>();
        private final List<String> signatures = new ArrayList<>();

        private Builder(String name, String description) {
            this.name = name.toLowerCase(Locale.ROOT);
            this.description = description;
        }

        Builder alias(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        /** Every double-taking overload so far also takes a bool (see {@link Overload#acceptingBool()}). */
        Builder boolAsNumber() {
            overloads.replaceAll(o -> o.parameters().contains(SqlType.DOUBLE) ? o.acceptingBool() : o);
            return this;
        }

        Builder overload(Overload overload) {
            overloads.add(overload);
            signatures.add(overload.signature(name));
            return this;
        }

        Builder overload(List<SqlType> parameters, SqlType result, Overload.Impl impl) {
            return overload(Overload.of(parameters, result, impl));
        }

        /** The function from its overload table. */
        ScalarFunction build() {
            if (overloads.isEmpty()) {
                throw new IllegalStateException(name + " has no overloads");
            }
            return new Declared(name, aliases, description, overloads, null, signatures);
        }

        /** A generic function: {@code binder} chooses, {@code usage} lines document it. */
        ScalarFunction generic(Binder binder, String... usage) {
            if (!overloads.isEmpty() || usage.length == 0) {
                throw new IllegalStateException(name + ": a generic function has usage lines and no overload table");
            }
            return new Declared(name, aliases, description, List.of(), requireNonNull(binder, "binder"),
                    List.of(usage));
        }
    }
}

package io.windrow.udf.support;

import io.windrow.udf.WindowFunction;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The descriptive half of a {@link WindowFunction} (name, aliases, signature, description), so that
 * each function class holds only its typing and its state.
 */
public abstract class NamedFunction implements WindowFunction {
    private final String name;
    private final List<String> aliases;
    private final String signature;
    private final String description;

    protected NamedFunction(String name, List<String> aliases, String signature, String description) {
        this.name = requireNonNull(name, "name");
        this.aliases = List.copyOf(aliases);
        this.signature = requireNonNull(signature, "signature");
        this.description = requireNonNull(description, "description");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> aliases() {
        return aliases;
    }

    @Override
    public final String signature() {
        return signature;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public String toString() {
        return signature;
    }
}

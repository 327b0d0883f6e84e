package io.windrow.sql.conformance;

import static java.util.Objects.requireNonNull;

/** A named, typed column of a case's input table or expected result. */
public record Column(String name, ColumnType type) {
    public Column {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + " " + type.name().toLowerCase(java.util.Locale.ROOT);
    }
}

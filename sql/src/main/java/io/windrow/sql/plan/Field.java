package io.windrow.sql.plan;

import static java.util.Objects.requireNonNull;

/**
 * A column a plan node produces: the name SQL uses ({@code qualifier.name}, qualifier may be null)
 * and the unique internal column name it has in the Spark Dataset.
 */
public record Field(String qualifier, String name, String id) {
    public Field {
        requireNonNull(name, "name");
        requireNonNull(id, "id");
    }

    public Field withQualifier(String newQualifier) {
        return new Field(newQualifier, name, id);
    }
}

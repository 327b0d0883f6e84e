package io.windrow.sql.plan;

import io.windrow.udf.type.SqlType;

import static java.util.Objects.requireNonNull;

/**
 * A column a plan node produces: the name SQL uses ({@code qualifier.name}, qualifier may be null),
 * the unique internal column name it has in the Spark Dataset, and its type.
 */
public record Field(String qualifier, String name, String id, SqlType type) {
    public Field {
        requireNonNull(name, "name");
        requireNonNull(id, "id");
        requireNonNull(type, "type");
    }

    public Field withQualifier(String newQualifier) {
        return new Field(newQualifier, name, id, type);
    }
}

package io.windrow.sql.ddl;

import org.apache.spark.sql.types.StructType;

import static java.util.Objects.requireNonNull;

/** A table declared by {@code CREATE TABLE}: its name and Spark schema. */
public record TableDefinition(String name, StructType schema) {
    public TableDefinition {
        requireNonNull(name, "name");
        requireNonNull(schema, "schema");
    }
}

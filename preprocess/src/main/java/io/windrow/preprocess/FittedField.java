package io.windrow.preprocess;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * One field of the fitted state: the input column it reads, that column's SQL type at fit time,
 * its encoding and its offset in the shared id space. Its global ids are
 * [offset, offset + cardinality).
 */
public record FittedField(String name, String sqlType, int offset, FieldEncoding encoding) implements Serializable {
    public FittedField {
        requireNonNull(name, "name");
        requireNonNull(sqlType, "sqlType");
        requireNonNull(encoding, "encoding");
        if (offset < 0) {
            throw new IllegalArgumentException("field '" + name + "': negative offset " + offset);
        }
    }

    /** The output column holding this field's ids. */
    @JsonIgnore
    public String outputColumn() {
        return io.windrow.preprocess.ml.IdSpace.outputColumn(name);
    }

    @JsonIgnore
    public int cardinality() {
        return encoding.cardinality();
    }

    /** The global id of a raw value. */
    public int id(Object value) {
        return offset + encoding.localId(name, sqlType, value);
    }
}

package io.windrow.preprocess;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;

/**
 * How one field's values become local ids in [0, cardinality): quantile buckets for continuous
 * fields, hashing or a vocabulary for categorical ones. Local id 0 is always NULL; the field's
 * offset in the shared id space is added by {@link FittedField}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = QuantileEncoding.class, name = "quantile"),
        @JsonSubTypes.Type(value = HashEncoding.class, name = "hash"),
        @JsonSubTypes.Type(value = VocabularyEncoding.class, name = "vocabulary")})
public sealed interface FieldEncoding extends Serializable permits QuantileEncoding, HashEncoding, VocabularyEncoding {
    /** Local id of SQL NULL (and NaN for continuous fields). */
    int NULL_ID = 0;

    /** Number of local ids. */
    int cardinality();

    /** The local id of a raw value of a field named {@code field} of SQL type {@code sqlType}. */
    int localId(String field, String sqlType, Object value);

    /** The kind name used in the fitted state and metadata. */
    String kind();
}

package io.windrow.preprocess;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the default (production) preprocessing: label rule, field selection, encodings
 * and split. Built by the {@code preprocess} stage from its config section, or directly in code.
 *
 * @param include columns to use as fields; empty = every supported column except the label,
 *     the {@code exclude} patterns and (if {@code excludeTemporal}) timestamp/date columns
 * @param exclude regular expressions (whole column name) of columns left out when include is empty
 * @param categorical columns forced categorical (numeric columns are continuous by default)
 * @param continuous columns forced continuous
 * @param keepColumns input columns copied unchanged beside the ids ({@code name} or
 *     {@code output=input}), e.g. a request id that joins predictions or truth back to rows
 */
public record PreprocessOptions(
        LabelRule label,
        List<String> include,
        List<String> exclude,
        boolean excludeTemporal,
        List<String> categorical,
        List<String> continuous,
        int buckets,
        Map<String, Integer> bucketsPerField,
        double quantileRelativeError,
        CategoricalEncoding encoding,
        Map<String, CategoricalEncoding> encodingPerField,
        int hashBuckets,
        Map<String, Integer> hashBucketsPerField,
        long hashSeed,
        long minCount,
        int maxVocabulary,
        SplitOptions split,
        List<String> keepColumns) {

    public PreprocessOptions {
        requireNonNull(label, "label");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        categorical = List.copyOf(categorical);
        continuous = List.copyOf(continuous);
        bucketsPerField = Map.copyOf(bucketsPerField);
        encodingPerField = Map.copyOf(encodingPerField);
        hashBucketsPerField = Map.copyOf(hashBucketsPerField);
        requireNonNull(encoding, "encoding");
        requireNonNull(split, "split");
        keepColumns = List.copyOf(keepColumns);
        if (buckets < 1) {
            throw new IllegalArgumentException("continuous buckets must be at least 1, got " + buckets);
        }
        bucketsPerField.forEach((field, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException("continuous buckets for field '" + field + "' must be at least 1, got " + n);
            }
        });
        if (hashBuckets < 1) {
            throw new IllegalArgumentException("hash buckets must be at least 1, got " + hashBuckets);
        }
        if (minCount < 1 || maxVocabulary < 1) {
            throw new IllegalArgumentException("vocabulary min-count and max-size must be at least 1");
        }
        if (quantileRelativeError < 0 || quantileRelativeError >= 1) {
            throw new IllegalArgumentException("quantile relative-error must be in [0, 1), got " + quantileRelativeError);
        }
    }

    /** Defaults as in reference.conf, for the given label rule (tests and library users). */
    public static PreprocessOptions defaults(LabelRule label, SplitOptions split) {
        return new PreprocessOptions(label, List.of(),
                List.of("(?i).*reqid.*", "(?i).*eventtime_original.*", "(?i).*ingestiontime.*"), true,
                List.of(), List.of(), 16, Map.of(), 0.001, CategoricalEncoding.VOCABULARY, Map.of(),
                10000, Map.of(), 10L, 2, 100000, split, List.of());
    }

    public int bucketsFor(String field) {
        return bucketsPerField.getOrDefault(field, buckets);
    }

    public CategoricalEncoding encodingFor(String field) {
        return encodingPerField.getOrDefault(field, encoding);
    }

    public int hashBucketsFor(String field) {
        return hashBucketsPerField.getOrDefault(field, hashBuckets);
    }
}

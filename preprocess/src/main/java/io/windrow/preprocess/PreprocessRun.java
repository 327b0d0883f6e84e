package io.windrow.preprocess;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a default-mode run produced: the fitted state, the content of metadata.json, the
 * human-readable report and the flat figures for the stage's {@code _metrics.json}.
 */
public record PreprocessRun(FittedPreprocessor fitted, Map<String, Object> metadata, String report,
        Map<String, Object> metrics) {
    public PreprocessRun {
        requireNonNull(fitted, "fitted");
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        requireNonNull(report, "report");
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}

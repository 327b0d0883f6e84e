package io.windrow.samples;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where the fields of the feature log (the recommender's "callback" of the features it served)
 * are, and which module's rows count.
 *
 * @param moduleFilter keep rows of this module only; empty keeps every module
 */
public record FeatureLogMapping(
        String requestIdColumn,
        String itemIdColumn,
        String requestTimeColumn,
        TimeUnitSpec requestTimeUnit,
        String moduleColumn,
        String featuresColumn,
        String moduleFilter) {

    public FeatureLogMapping {
        requireNonNull(requestIdColumn, "requestIdColumn");
        requireNonNull(itemIdColumn, "itemIdColumn");
        requireNonNull(requestTimeColumn, "requestTimeColumn");
        requireNonNull(requestTimeUnit, "requestTimeUnit");
        requireNonNull(moduleColumn, "moduleColumn");
        requireNonNull(featuresColumn, "featuresColumn");
        requireNonNull(moduleFilter, "moduleFilter");
    }

    public List<String[]> requiredColumns() {
        return List.of(
                new String[] {"samples.feature-log.request-id", requestIdColumn},
                new String[] {"samples.feature-log.item-id", itemIdColumn},
                new String[] {"samples.feature-log.request-time", requestTimeColumn},
                new String[] {"samples.feature-log.module", moduleColumn},
                new String[] {"samples.feature-log.features", featuresColumn});
    }
}

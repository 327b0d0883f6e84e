package io.windrow.samples.diagnose;

import com.typesafe.config.Config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the {@code diagnose} stage: the two tables, the key, what to compare, the float
 * tolerance and the thresholds that make the stage fail (negative = not checked).
 */
public record DiagnoseSpec(
        String leftName,
        String rightName,
        List<String> key,
        List<String> features,
        List<String> packedFeatures,
        List<String> labels,
        String timeColumn,
        long timeBucketSecs,
        double tolerance,
        int examples,
        double maxOnlyOneSideRate,
        double maxFeatureMismatchRate,
        double maxPositiveRateDiff) {

    public DiagnoseSpec {
        requireNonNull(leftName, "leftName");
        requireNonNull(rightName, "rightName");
        key = List.copyOf(key);
        features = List.copyOf(features);
        packedFeatures = List.copyOf(packedFeatures);
        labels = List.copyOf(labels);
        requireNonNull(timeColumn, "timeColumn");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("diagnose.key must name at least one column");
        }
        if (timeBucketSecs <= 0) {
            throw new IllegalArgumentException("diagnose.time-bucket-secs must be > 0, got " + timeBucketSecs);
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("diagnose.tolerance must be >= 0, got " + tolerance);
        }
        if (examples < 0) {
            throw new IllegalArgumentException("diagnose.examples must be >= 0, got " + examples);
        }
    }

    public static DiagnoseSpec fromConfig(Config c) {
        Config t = c.getConfig("thresholds");
        return new DiagnoseSpec(c.getString("left-name"), c.getString("right-name"), c.getStringList("key"),
                c.getStringList("features"), c.getStringList("packed-features"), c.getStringList("labels"),
                c.getString("time-column"), c.getLong("time-bucket-secs"), c.getDouble("tolerance"), c.getInt("examples"),
                t.getDouble("max-only-one-side-rate"), t.getDouble("max-feature-mismatch-rate"),
                t.getDouble("max-positive-rate-diff"));
    }
}

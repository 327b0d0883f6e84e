package io.windrow.preprocess;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * How rows are split into train, val and test. {@code TIME} (default): by the time column's
 * quantiles, so training rows are all earlier than validation rows, which are earlier than test
 * rows (rows with equal times stay together); {@code HASH}: by a hash of a key column, so all rows
 * of one key land in one split.
 */
public record SplitOptions(By by, String timeColumn, String hashKey, double train, double val, double test,
        double relativeError) {
    public enum By { TIME, HASH }

    public SplitOptions {
        requireNonNull(by, "by");
        requireNonNull(timeColumn, "timeColumn");
        requireNonNull(hashKey, "hashKey");
        if (train <= 0 || val < 0 || test < 0 || Math.abs(train + val + test - 1.0) > 1e-9) {
            throw new IllegalArgumentException("split ratios train=" + train + ", val=" + val + ", test=" + test
                    + " must be non-negative, train positive, and sum to 1");
        }
        if (relativeError < 0 || relativeError >= 1) {
            throw new IllegalArgumentException("split relative-error must be in [0, 1), got " + relativeError);
        }
    }

    public static By parseBy(String text) {
        try {
            return By.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("split by '" + text + "': expected time or hash");
        }
    }
}

package io.windrow.train.eval;

import java.util.Locale;

/**
 * Quality of a model on one split: exact AUC with its standard error (DeLong), mean logloss, the
 * row count and how many rows are positive, so a report can say when a split has too few
 * positives for its AUC to mean much.
 */
public record SplitMetrics(double auc, double aucStandardError, double logloss, long rows, long positives) {
    public SplitMetrics {
        if (positives < 0 || positives > rows) {
            throw new IllegalArgumentException("positives " + positives + " outside [0, " + rows + "]");
        }
    }

    public long negatives() {
        return rows - positives;
    }

    /** Whether both classes have at least {@code minPerClass} rows, so that the AUC is worth comparing. */
    public boolean aucReliable(int minPerClass) {
        return Math.min(positives, negatives()) >= minPerClass;
    }

    /** E.g. {@code "0.6512 +- 0.1703 (95%; 11 positive of 1162 rows)"}. */
    public String describeAuc() {
        return String.format(Locale.ROOT, "%.4f +- %.4f (95%%; %d positive of %d rows)", auc, 1.96 * aucStandardError,
                positives, rows);
    }

    /** The early-stopping score for {@code metric} (auc, logloss, or auc-logloss as the seed), higher is better. */
    public double score(String metric) {
        return switch (metric) {
            case "auc" -> auc;
            case "logloss" -> -logloss;
            case "auc-logloss" -> auc - logloss;
            default -> throw new IllegalArgumentException("unknown early-stopping metric '" + metric
                    + "' (expected auc, logloss or auc-logloss)");
        };
    }
}

package io.windrow.train.eval;

/** Quality of a model on one split: exact AUC, mean logloss and the row count. */
public record SplitMetrics(double auc, double logloss, long rows) {
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

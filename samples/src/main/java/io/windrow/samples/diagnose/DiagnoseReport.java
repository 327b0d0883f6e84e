package io.windrow.samples.diagnose;

import java.util.List;
import java.util.Map;

/**
 * What {@link Diagnosis} found: sizes and key overlap, positive rates (overall and over time), per
 * feature consistency with the worst examples, and the thresholds exceeded. Serialized as
 * report.json (field names as below) and rendered by {@link HtmlReport}.
 */
public record DiagnoseReport(
        String leftName,
        String rightName,
        List<String> key,
        long leftRows,
        long rightRows,
        long leftDuplicateKeys,
        long rightDuplicateKeys,
        long bothKeys,
        long onlyLeftKeys,
        long onlyRightKeys,
        double leftJoinRate,
        double rightJoinRate,
        double onlyOneSideRate,
        List<LabelRate> labels,
        List<TimePoint> positiveRateOverTime,
        List<FeatureConsistency> features,
        List<String> violations) {

    /** A label's positive rate (share of rows with label > 0) on each side. */
    public record LabelRate(String label, double left, double right, double diff) {}

    /** One time bucket's positive rate per side; NaN-free: null when a side has no rows there. */
    public record TimePoint(String label, long bucketStartMillis, Double left, Double right, long leftRows, long rightRows) {}

    /** One feature over the keys on both sides. */
    public record FeatureConsistency(String feature, long match, long mismatch, long onlyLeft, long onlyRight,
            double mismatchRate, List<Example> worst) {}

    /** A mismatching key with both values and their absolute difference (null for non-numbers). */
    public record Example(Map<String, String> key, String left, String right, Double absDiff) {}
}

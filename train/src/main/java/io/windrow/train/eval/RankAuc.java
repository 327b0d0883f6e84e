package io.windrow.train.eval;

import java.util.Arrays;

/**
 * Exact ROC AUC by ranking: the Mann-Whitney statistic with tied scores given their mid-rank,
 * which equals the probability that a random positive outscores a random negative, counting ties
 * as one half. Sorting packed (score, label) longs keeps it at 8 bytes per row.
 */
public final class RankAuc {
    private RankAuc() {}

    /**
     * @param what names the split for the error when it has only one class (AUC undefined)
     */
    public static double auc(double[] scores, float[] labels, int count, String what) {
        long[] packed = new long[count];
        long positives = 0;
        for (int i = 0; i < count; i++) {
            double score = scores[i];
            if (Double.isNaN(score)) {
                throw new IllegalArgumentException("score of row " + i + " of " + what + " is NaN");
            }
            int label = binary(labels[i], i, what);
            positives += label;
            packed[i] = (sortableBits(score) << 1) | label;
        }
        long negatives = count - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(what + " has only " + (positives == 0 ? "negative" : "positive")
                    + " labels (" + count + " rows): AUC is undefined");
        }
        Arrays.sort(packed);
        double positiveRankSum = 0;
        int start = 0;
        while (start < count) {
            int end = start;
            long tiedPositives = 0;
            while (end < count && (packed[end] >> 1) == (packed[start] >> 1)) {
                tiedPositives += packed[end] & 1;
                end++;
            }
            double midRank = (start + 1 + end) / 2.0; // ranks start+1..end
            positiveRankSum += tiedPositives * midRank;
            start = end;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static int binary(float label, int row, String what) {
        if (label == 0f) {
            return 0;
        }
        if (label == 1f) {
            return 1;
        }
        throw new IllegalArgumentException("label " + label + " of row " + row + " of " + what + " is not 0 or 1");
    }

    /**
     * Double bits mapped so that signed long order equals numeric order (-0 == 0), shifted right by
     * one to make room for the label bit: scores differing only in the last mantissa bit tie.
     */
    private static long sortableBits(double score) {
        long bits = Double.doubleToLongBits(score == 0.0 ? 0.0 : score);
        bits ^= (bits >> 63) & 0x7fffffffffffffffL;
        return bits >> 1;
    }
}

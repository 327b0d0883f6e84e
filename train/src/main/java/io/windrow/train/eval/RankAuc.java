package io.windrow.train.eval;

import java.util.Arrays;

/**
 * Exact ROC AUC by ranking: the Mann-Whitney statistic with tied scores given their mid-rank,
 * which equals the probability that a random positive outscores a random negative, counting ties
 * as one half. The same pass gives DeLong's standard error, from how far each row's share of won
 * pairs spreads: a split with a handful of positives has an AUC too noisy to tell models apart,
 * and reports say so. Sorting packed (score, label) longs keeps it at 8 bytes per row.
 */
public final class RankAuc {
    private RankAuc() {}

    /** An AUC with its standard error and the class counts it came from. */
    public record Estimate(double auc, double standardError, long positives, long negatives) {}

    /**
     * @param what names the split for the error when it has only one class (AUC undefined)
     */
    public static double auc(double[] scores, float[] labels, int count, String what) {
        return estimate(scores, labels, count, what).auc();
    }

    /**
     * The AUC and its DeLong (1988) standard error: {@code sqrt(S10/m + S01/n)} with {@code S10}
     * the sample variance over the m positives of the share of negatives each outscores (ties one
     * half) and {@code S01} the same over the n negatives. A class of one row has no sample
     * variance; its term takes 0.25, the largest variance of a share, so the error stays an upper
     * estimate rather than pretending to be exact.
     */
    public static Estimate estimate(double[] scores, float[] labels, int count, String what) {
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
        double positiveShareSum = 0;
        double positiveShareSquares = 0;
        double negativeShareSum = 0;
        double negativeShareSquares = 0;
        long negativesBelow = 0;
        long positivesBelow = 0;
        int start = 0;
        while (start < count) {
            int end = start;
            long tiedPositives = 0;
            while (end < count && (packed[end] >> 1) == (packed[start] >> 1)) {
                tiedPositives += packed[end] & 1;
                end++;
            }
            long tiedNegatives = end - start - tiedPositives;
            double midRank = (start + 1 + end) / 2.0; // ranks start+1..end
            positiveRankSum += tiedPositives * midRank;
            double positiveShare = (negativesBelow + 0.5 * tiedNegatives) / negatives;
            positiveShareSum += tiedPositives * positiveShare;
            positiveShareSquares += tiedPositives * positiveShare * positiveShare;
            double negativeShare = (positives - positivesBelow - tiedPositives + 0.5 * tiedPositives) / positives;
            negativeShareSum += tiedNegatives * negativeShare;
            negativeShareSquares += tiedNegatives * negativeShare * negativeShare;
            negativesBelow += tiedNegatives;
            positivesBelow += tiedPositives;
            start = end;
        }
        double auc = (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
        double variance = sampleVariance(positiveShareSum, positiveShareSquares, positives) / positives
                + sampleVariance(negativeShareSum, negativeShareSquares, negatives) / negatives;
        return new Estimate(auc, Math.sqrt(variance), positives, negatives);
    }

    private static double sampleVariance(double sum, double squares, long n) {
        if (n < 2) {
            return 0.25;
        }
        double mean = sum / n;
        return Math.max(squares - n * mean * mean, 0) / (n - 1);
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

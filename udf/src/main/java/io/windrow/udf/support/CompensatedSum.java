package io.windrow.udf.support;

/**
 * A floating-point sum that rows can leave again: Neumaier-compensated, so adding then removing a
 * large value does not wipe out the small ones, and with NaN and infinities counted apart so that a
 * NaN or infinity that left the frame leaves no trace (a plain running sum would stay NaN forever).
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;
    private int nanCount;
    private int positiveInfinityCount;
    private int negativeInfinityCount;

    public void add(double value) {
        accumulate(value, 1);
    }

    public void subtract(double value) {
        accumulate(value, -1);
    }

    private void accumulate(double value, int direction) {
        if (Double.isNaN(value)) {
            nanCount += direction;
        } else if (value == Double.POSITIVE_INFINITY) {
            positiveInfinityCount += direction;
        } else if (value == Double.NEGATIVE_INFINITY) {
            negativeInfinityCount += direction;
        } else {
            double x = direction > 0 ? value : -value;
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }
    }

    public double value() {
        if (nanCount > 0 || (positiveInfinityCount > 0 && negativeInfinityCount > 0)) {
            return Double.NaN;
        }
        if (positiveInfinityCount > 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (negativeInfinityCount > 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return sum + compensation;
    }
}

package io.windrow.train;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The progress line of a training epoch, at most one per interval, so that a long epoch shows in
 * the log that it advances and when it should end: epoch and step of their totals, samples/s so
 * far in this epoch, and the ETA of the epoch and of all remaining epochs (an upper bound: early
 * stopping may end sooner, and validation time is not counted). Times are passed in (nanoseconds,
 * {@link System#nanoTime()}) so the logic is testable without waiting.
 */
final class EpochProgress {
    private final String kind;
    private final int epoch;
    private final int epochs;
    private final long epochRows;
    private final int batchSize;
    private final long startNanos;
    private final long intervalNanos;
    private long nextReportNanos;

    /**
     * @param epoch the epoch, counted from 1
     * @param epochRows rows of one epoch (the train split), for step totals and ETAs
     */
    EpochProgress(String kind, int epoch, int epochs, long epochRows, int batchSize, Duration interval, long startNanos) {
        this.kind = requireNonNull(kind, "kind");
        if (epoch < 1 || epochs < epoch || epochRows < 0 || batchSize < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bad progress arguments: epoch " + epoch + "/" + epochs + ", rows " + epochRows
                    + ", batch size " + batchSize + ", interval " + interval);
        }
        this.epoch = epoch;
        this.epochs = epochs;
        this.epochRows = epochRows;
        this.batchSize = batchSize;
        this.startNanos = startNanos;
        this.intervalNanos = interval.toNanos();
        this.nextReportNanos = startNanos + intervalNanos;
    }

    /** The line to log after {@code step} steps and {@code rows} rows at {@code nowNanos}, or null before the next interval. */
    String after(int step, long rows, long nowNanos) {
        if (nowNanos - nextReportNanos < 0) {
            return null;
        }
        nextReportNanos = nowNanos + intervalNanos;
        double seconds = (nowNanos - startNanos) / 1e9;
        double rate = seconds > 0 ? rows / seconds : 0;
        long steps = (epochRows + batchSize - 1) / batchSize;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s epoch %d/%d step %d/%d (%.0f%%): %.0f samples/s",
                kind, epoch, epochs, step, steps, epochRows == 0 ? 100.0 : 100.0 * Math.min(rows, epochRows) / epochRows, rate));
        if (rate > 0) {
            double epochLeft = Math.max(0, epochRows - rows) / rate;
            double allLeft = epochLeft + (double) (epochs - epoch) * epochRows / rate;
            line.append(", ETA ").append(duration(epochLeft)).append(" (epoch)");
            if (epoch < epochs) {
                line.append(", ").append(duration(allLeft)).append(" (to epoch ").append(epochs).append(")");
            }
        }
        return line.toString();
    }

    /** 42s, 3m07s, 2h05m. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}

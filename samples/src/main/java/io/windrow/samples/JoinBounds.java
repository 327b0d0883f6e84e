package io.windrow.samples;

/**
 * The time-bounded join of a sample with its feature log row:
 * {@code sample.ts BETWEEN log.ts - beforeLogSecs AND log.ts + afterLogSecs} (30 s and 30 min in
 * the seed).
 *
 * @param keepUnmatched keep samples without a log row (features NULL) instead of an inner join
 */
public record JoinBounds(long beforeLogSecs, long afterLogSecs, boolean keepUnmatched) implements java.io.Serializable {
    public JoinBounds {
        if (beforeLogSecs < 0 || afterLogSecs < 0) {
            throw new IllegalArgumentException("samples.join bounds must be >= 0, got before-log-secs="
                    + beforeLogSecs + ", after-log-secs=" + afterLogSecs);
        }
    }

    public boolean matches(long sampleMillis, long logMillis) {
        return sampleMillis >= logMillis - beforeLogSecs * 1000L && sampleMillis <= logMillis + afterLogSecs * 1000L;
    }
}

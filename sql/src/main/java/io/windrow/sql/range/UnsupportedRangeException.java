package io.windrow.sql.range;

/**
 * A query or input that a date-range run cannot compute exactly (an aggregate, a filter under a
 * window, a LAST JOIN whose right side would need rows older than the range...). Raised before any
 * row is written: a range run is exact or it does not run.
 */
public final class UnsupportedRangeException extends IllegalArgumentException {
    public UnsupportedRangeException(String message) {
        super(message);
    }
}

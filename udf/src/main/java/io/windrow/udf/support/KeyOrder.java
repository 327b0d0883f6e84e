package io.windrow.udf.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * The order OpenMLDB's C++ containers ({@code std::map}, {@code std::less}) give keys: numbers by
 * value, strings bytewise on their UTF-8 encoding (the same as code point order), timestamps and
 * dates chronologically, {@code false < true}. Keys should go through {@link #canonical} first so
 * that {@code -0.0} and {@code 0.0} are one key, as they are in C++.
 */
public final class KeyOrder implements Comparator<Object> {
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {}

    /** The key to store for a non-null value: folds {@code -0.0} into {@code 0.0}. */
    public static Object canonical(Object value) {
        if (value instanceof Double d && d == 0.0d) {
            return 0.0d;
        }
        if (value instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return value;
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Timestamp x && b instanceof Timestamp y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof java.sql.Date x && b instanceof java.sql.Date y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getName() + " with " + b.getClass().getName());
    }

    /** Code point order, which is UTF-8 byte order; String.compareTo (UTF-16 units) differs above U+D7FF. */
    static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }
}

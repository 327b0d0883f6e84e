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

    /**
     * Code point order, which is UTF-8 byte order; String.compareTo (UTF-16 units) differs only
     * where a surrogate (U+D800-DFFF, half of a code point above U+FFFF) meets a unit in
     * U+E000-FFFF, so units are compared directly and only such a pair is reordered.
     */
    static int compareCodePoints(String x, String y) {
        int length = Math.min(x.length(), y.length());
        for (int i = 0; i < length; i++) {
            char cx = x.charAt(i);
            char cy = y.charAt(i);
            if (cx != cy) {
                if (cx >= Character.MIN_SURROGATE && cy >= Character.MIN_SURROGATE) {
                    return Integer.compare(codePointRank(cx), codePointRank(cy));
                }
                return Integer.compare(cx, cy);
            }
        }
        return Integer.compare(x.length(), y.length());
    }

    /** Surrogates sort above U+E000-FFFF (their code points are above U+FFFF). */
    private static int codePointRank(char unit) {
        return Character.isSurrogate(unit) ? unit + 0x2000 : unit - 0x800;
    }
}

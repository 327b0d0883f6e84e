package io.windrow.sql.request;

import java.util.Arrays;
import java.util.List;

/**
 * Key values as hash keys with SQL equality: the two zeros of a floating type are one key (Java's
 * {@code Double.equals} tells them apart, SQL's {@code =} does not).
 */
final class JoinKeys {
    private JoinKeys() {}

    static Object normalize(Object value) {
        if (value instanceof Double d && d == 0.0) {
            return 0.0d;
        }
        if (value instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return value;
    }

    /** The key of {@code values}, or null when one is NULL (a NULL key matches nothing). */
    static List<Object> of(Object[] values) {
        Object[] key = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return null;
            }
            key[i] = normalize(values[i]);
        }
        return Arrays.asList(key);
    }
}

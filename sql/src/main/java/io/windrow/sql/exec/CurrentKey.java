package io.windrow.sql.exec;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;

import java.util.Arrays;
import java.util.Objects;

/**
 * The partition key a streaming operator is working on, read from Spark's internal rows. The
 * operators see a partition sorted by key, so a change of key is all they need to detect; the key
 * is kept as a copy because Spark reuses an input row's buffer for the next row.
 */
final class CurrentKey {
    private final int[] ordinals;
    private final DataType[] types;
    private final Object[] values;
    private boolean set;

    CurrentKey(int[] ordinals, DataType[] types) {
        this.ordinals = ordinals.clone();
        this.types = types.clone();
        this.values = new Object[ordinals.length];
    }

    /** Whether {@code row} has the current key (false before the first {@link #moveTo}). */
    boolean matches(InternalRow row) {
        if (!set) {
            return false;
        }
        for (int i = 0; i < ordinals.length; i++) {
            Object value = InternalRowOperator.valueAt(row, ordinals[i], types[i]);
            boolean equal = value instanceof byte[] bytes && values[i] instanceof byte[] current
                    ? Arrays.equals(bytes, current) : Objects.equals(value, values[i]);
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code row}'s key the current one. */
    void moveTo(InternalRow row) {
        for (int i = 0; i < ordinals.length; i++) {
            values[i] = InternalRow.copyValue(InternalRowOperator.valueAt(row, ordinals[i], types[i]));
        }
        set = true;
    }
}

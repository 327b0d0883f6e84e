package io.windrow.train.data;

import static java.util.Objects.requireNonNull;

/**
 * A batch of preprocessed rows: {@code ids} holds {@code size x fields} global ids row by row,
 * {@code labels} one 0/1 label per row, {@code keys} the optional key column's values (only read
 * for the test split, to join the generator's true probabilities).
 */
public record Batch(int size, int fields, int[] ids, float[] labels, String[] keys) {
    public Batch {
        requireNonNull(ids, "ids");
        requireNonNull(labels, "labels");
        if (ids.length < size * fields || labels.length < size) {
            throw new IllegalArgumentException("batch arrays shorter than " + size + " rows");
        }
    }

    public Batch(int size, int fields, int[] ids, float[] labels) {
        this(size, fields, ids, labels, null);
    }

    public int id(int row, int field) {
        return ids[row * fields + field];
    }
}

package io.windrow.udf.support;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The values of a frame in arrival order, NULLs included (java.util.ArrayDeque refuses null): a ring
 * buffer with O(1) add at the newest end, removal at both ends and access by position, for
 * {@code lag}/{@code at}, {@code first_value} and the functions that read the whole frame
 * ({@code ew_avg}, {@code drawdown}).
 */
public final class ValueDeque {
    private Object[] items = new Object[8];
    private int head;
    private int size;

    public void addNewest(Object value) {
        if (size == items.length) {
            Object[] grown = new Object[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) % items.length];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) % items.length] = value;
        size++;
    }

    public Object removeOldest() {
        requireNonEmpty();
        Object value = items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        size--;
        return value;
    }

    public Object removeNewest() {
        requireNonEmpty();
        int index = (head + size - 1) % items.length;
        Object value = items[index];
        items[index] = null;
        size--;
        return value;
    }

    /** The value {@code offset} rows before the newest (0 = the newest). */
    public Object fromNewest(int offset) {
        if (offset < 0 || offset >= size) {
            throw new IndexOutOfBoundsException("offset " + offset + " in a frame of " + size);
        }
        return items[(head + size - 1 - offset) % items.length];
    }

    /** The value at {@code index} counted from the oldest (0 = the oldest). */
    public Object fromOldest(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " in a frame of " + size);
        }
        return items[(head + index) % items.length];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private void requireNonEmpty() {
        if (size == 0) {
            throw new NoSuchElementException("the frame is empty");
        }
    }

    @Override
    public String toString() {
        Object[] ordered = new Object[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = fromOldest(i);
        }
        return Arrays.toString(ordered);
    }
}

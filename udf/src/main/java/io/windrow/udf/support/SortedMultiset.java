package io.windrow.udf.support;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sorted bag of values ({@code TreeMap<value, count>}): a frame's minimum and maximum stay
 * available in O(log n) while rows leave from either end, which a running min/max cannot do.
 */
public final class SortedMultiset {
    private final TreeMap<Object, int[]> counts;
    private int size;

    public SortedMultiset() {
        this(KeyOrder.INSTANCE);
    }

    public SortedMultiset(Comparator<Object> order) {
        this.counts = new TreeMap<>(order);
    }

    public void add(Object value) {
        counts.computeIfAbsent(KeyOrder.canonical(value), v -> new int[1])[0]++;
        size++;
    }

    /** Removes one occurrence of a value that was added before. */
    public void remove(Object value) {
        Object key = KeyOrder.canonical(value);
        int[] cell = counts.get(key);
        if (cell == null) {
            throw new IllegalStateException("removing a value that is not in the frame: " + value);
        }
        if (--cell[0] == 0) {
            counts.remove(key);
        }
        size--;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The smallest value, or null when empty. */
    public Object first() {
        Map.Entry<Object, int[]> entry = counts.firstEntry();
        return entry == null ? null : entry.getKey();
    }

    /** The largest value, or null when empty. */
    public Object last() {
        Map.Entry<Object, int[]> entry = counts.lastEntry();
        return entry == null ? null : entry.getKey();
    }
}

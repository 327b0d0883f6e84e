package io.windrow.udf.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts of the keys in a sliding frame, updated as rows enter and leave. Gives the number of
 * distinct keys, the highest count ({@code top1_ratio}) in O(1), and, when created
 * {@link #ranked()}, the n most frequent keys (ties by key ascending, {@link KeyOrder}) in
 * O(n + log k) from count buckets ({@code TreeMap<count, TreeSet<key>>}), without sorting all keys.
 * Keys are canonicalised with {@link KeyOrder#canonical}.
 */
public final class FrequencyCounter {
    private final Map<Object, int[]> counts = new HashMap<>();
    /** keysWithCount[c]: how many keys have count c; lets the maximum follow removals in O(1). */
    private int[] keysWithCount = new int[8];
    private int maxCount;
    private long total;
    private final TreeMap<Integer, NavigableSet<Object>> buckets;

    private FrequencyCounter(boolean ranked) {
        this.buckets = ranked ? new TreeMap<>() : null;
    }

    /** A counter for distinct counts and the top count. */
    public static FrequencyCounter plain() {
        return new FrequencyCounter(false);
    }

    /** A counter that can also list the most frequent keys. */
    public static FrequencyCounter ranked() {
        return new FrequencyCounter(true);
    }

    public void add(Object value) {
        Object key = KeyOrder.canonical(value);
        int[] cell = counts.computeIfAbsent(key, k -> new int[1]);
        int before = cell[0]++;
        moveBetweenCounts(key, before, before + 1);
        if (before + 1 > maxCount) {
            maxCount = before + 1;
        }
        total++;
    }

    /** Removes one occurrence of a key that was added before. */
    public void remove(Object value) {
        Object key = KeyOrder.canonical(value);
        int[] cell = counts.get(key);
        if (cell == null) {
            throw new IllegalStateException("removing a key that is not in the frame: " + value);
        }
        int before = cell[0]--;
        if (cell[0] == 0) {
            counts.remove(key);
        }
        moveBetweenCounts(key, before, before - 1);
        if (before == maxCount && keysWithCount[before] == 0) {
            maxCount = before - 1;
        }
        total--;
    }

    private void moveBetweenCounts(Object key, int from, int to) {
        if (Math.max(from, to) >= keysWithCount.length) {
            keysWithCount = Arrays.copyOf(keysWithCount, keysWithCount.length * 2);
        }
        if (from > 0) {
            keysWithCount[from]--;
        }
        if (to > 0) {
            keysWithCount[to]++;
        }
        if (buckets != null) {
            if (from > 0) {
                NavigableSet<Object> bucket = buckets.get(from);
                bucket.remove(key);
                if (bucket.isEmpty()) {
                    buckets.remove(from);
                }
            }
            if (to > 0) {
                buckets.computeIfAbsent(to, c -> new TreeSet<>(KeyOrder.INSTANCE)).add(key);
            }
        }
    }

    public int distinct() {
        return counts.size();
    }

    /** Number of occurrences counted (all keys). */
    public long total() {
        return total;
    }

    public int maxCount() {
        return maxCount;
    }

    /**
     * The count of each distinct key, ascending: a fixed order, so sums over it (entropy) do not
     * depend on the history of the frame.
     */
    public int[] countsOfKeys() {
        int[] result = new int[counts.size()];
        int i = 0;
        for (int[] cell : counts.values()) {
            result[i++] = cell[0];
        }
        Arrays.sort(result);
        return result;
    }

    /** Up to n keys, most frequent first, ties by key ascending. Needs {@link #ranked()}. */
    public List<Object> mostFrequent(int n) {
        if (buckets == null) {
            throw new IllegalStateException("counter was not created ranked");
        }
        List<Object> keys = new ArrayList<>(Math.min(n, counts.size()));
        for (NavigableSet<Object> bucket : buckets.descendingMap().values()) {
            for (Object key : bucket) {
                if (keys.size() >= n) {
                    return keys;
                }
                keys.add(key);
            }
        }
        return keys;
    }
}

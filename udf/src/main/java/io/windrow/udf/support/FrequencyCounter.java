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
 * {@link #ranked()}, the n most frequent keys (ties by key ascending, {@link KeyOrder}). Feature
 * frames hold few distinct keys and most rows that enter one are never asked for a ranking (union
 * rows of an {@code INSTANCE_NOT_IN_WINDOW} window), so the ranking is read off the counts when
 * asked, in O(distinct); only a frame that grows past {@value #INDEX_ABOVE} distinct keys keeps a
 * ranked index ({@code TreeMap<count, TreeSet<key>>}) updated on every row, answering in
 * O(n + log distinct), and drops it again below {@value #UNINDEX_BELOW}.
 * Keys are canonicalised with {@link KeyOrder#canonical}.
 */
public final class FrequencyCounter {
    /** Distinct keys above which a ranking query builds the index. */
    static final int INDEX_ABOVE = 256;
    /** Distinct keys below which a ranking query drops the index (apart from INDEX_ABOVE: no flapping). */
    static final int UNINDEX_BELOW = 64;

    private final Map<Object, int[]> counts = new HashMap<>();
    /** keysWithCount[c]: how many keys have count c; lets the maximum follow removals in O(1). */
    private int[] keysWithCount = new int[8];
    private int maxCount;
    private long total;
    private final boolean ranked;
    /** The ranked index while the frame is large; null while rankings are read off the counts. */
    private TreeMap<Integer, NavigableSet<Object>> buckets;

    private FrequencyCounter(boolean ranked) {
        this.ranked = ranked;
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
                index(key, to);
            }
        }
    }

    private void index(Object key, int count) {
        buckets.computeIfAbsent(count, c -> new TreeSet<>(KeyOrder.INSTANCE)).add(key);
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
        if (!ranked) {
            throw new IllegalStateException("counter was not created ranked");
        }
        if (buckets == null && counts.size() > INDEX_ABOVE) {
            buckets = new TreeMap<>();
            counts.forEach((key, cell) -> index(key, cell[0]));
        } else if (buckets != null && counts.size() < UNINDEX_BELOW) {
            buckets = null;
        }
        return buckets == null ? scanMostFrequent(n) : indexedMostFrequent(n);
    }

    private List<Object> indexedMostFrequent(int n) {
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

    /** The top n by one pass over the counts, keeping the best n so far in order (for small n: top-3). */
    private List<Object> scanMostFrequent(int n) {
        int size = Math.min(n, counts.size());
        if (size <= 0) {
            return List.of();
        }
        if (size > 16) { // insertion would cost n x distinct; sort them all instead
            List<Object> all = new ArrayList<>(counts.keySet());
            all.sort((a, b) -> compareRanks(counts.get(a)[0], a, counts.get(b)[0], b));
            return all.subList(0, size);
        }
        Object[] keys = new Object[size];
        int[] top = new int[size];
        int filled = 0;
        for (Map.Entry<Object, int[]> entry : counts.entrySet()) {
            Object key = entry.getKey();
            int count = entry.getValue()[0];
            if (filled == size && compareRanks(count, key, top[size - 1], keys[size - 1]) > 0) {
                continue;
            }
            int i = filled == size ? size - 1 : filled++;
            while (i > 0 && compareRanks(count, key, top[i - 1], keys[i - 1]) < 0) {
                top[i] = top[i - 1];
                keys[i] = keys[i - 1];
                i--;
            }
            top[i] = count;
            keys[i] = key;
        }
        return Arrays.asList(keys);
    }

    /** Ranking order: higher count first, then key ascending. */
    private static int compareRanks(int count, Object key, int otherCount, Object otherKey) {
        return count != otherCount ? Integer.compare(otherCount, count) : KeyOrder.INSTANCE.compare(key, otherKey);
    }
}

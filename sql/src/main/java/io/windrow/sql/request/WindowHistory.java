package io.windrow.sql.request;

import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.plan.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored rows of one source of a window group, per partition key, in window order (time, then
 * arrival), trimmed to what the group's frames can still reach. What is reachable is judged from
 * the group's clock, the newest time of the main table's stored rows: requests are expected in time
 * order, so the next one is no older than the clock. Rows at or after the clock are kept (a UNION
 * table loaded in full holds rows ahead of the requests); an older row is kept while some frame can
 * reach it from the clock: a ROWS_RANGE span (capped at MAXSIZE), the last n rows of a ROWS frame,
 * the last {@code offset} rows for {@code lag}/{@code at}. Counts skip the rows at or after the
 * clock, which EXCLUDE CURRENT_TIME may leave out. An unbounded frame without MAXSIZE keeps every row.
 *
 * <p>A key is trimmed when a row is added to it and on {@link #sweep} (the engine sweeps every so
 * many appends, so keys that stop receiving rows are trimmed too). A request older than the clock
 * may find its window trimmed, as an online store's TTL would do. Not thread-safe: the engine's lock
 * guards it.
 */
final class WindowHistory {
    /** A stored row: its order key in epoch ms, its arrival number and the group's value columns. */
    record Row(long ts, long seq, Object[] values) {}

    /** What one frame needs, as counts from the newest row and a time span. */
    private record Need(long rows, long span, long lagRows) {}

    /** The newest main-table time a window group has stored; shared by the group's sources. */
    static final class Clock {
        private long now = Long.MIN_VALUE;

        void advance(long ts) {
            now = Math.max(now, ts);
        }
    }

    private final List<Need> needs = new ArrayList<>();
    private final Clock clock;
    private final Map<List<Object>, KeyRows> rows = new HashMap<>();
    private long stored;

    /**
     * One key's rows in window order, oldest first: a list whose dropped prefix is compacted away
     * once it is half of it, so trimming is amortised O(1) and requests binary-search by time.
     */
    private static final class KeyRows {
        private final ArrayList<Row> list = new ArrayList<>();
        private int head;

        int size() {
            return list.size() - head;
        }

        Row get(int i) {
            return list.get(head + i);
        }

        void dropOldest() {
            list.set(head++, null);
            if (head > 16 && head * 2 > list.size()) {
                list.subList(0, head).clear();
                head = 0;
            }
        }

        /** Inserts after every row with a time up to the new one's (arrival order among equal times). */
        void insert(Row row) {
            int size = size();
            if (size == 0 || get(size - 1).ts() <= row.ts()) {
                list.add(row);
            } else {
                list.add(head + upperBound(row.ts()), row);
            }
        }

        /** The number of rows with a time up to {@code ts}. */
        int upperBound(long ts) {
            int low = 0;
            int high = size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (get(mid).ts() <= ts) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** @param maxLag per frame, the largest lag/at offset of its calls */
    WindowHistory(List<Frame> frames, int[] maxLag, Clock clock) {
        this.clock = clock;
        for (int f = 0; f < frames.size(); f++) {
            Frame frame = frames.get(f);
            long count;
            long span = Long.MAX_VALUE;
            if (frame.type() == WindowSpec.FrameType.ROWS) {
                count = frame.startUnbounded() ? Long.MAX_VALUE : frame.startOffset() + 1;
            } else {
                count = frame.maxSize() > 0 ? frame.maxSize() + 1 : Long.MAX_VALUE;
                span = frame.startUnbounded() ? Long.MAX_VALUE : frame.startOffset();
            }
            needs.add(new Need(count, span, maxLag[f] + 1L));
        }
    }

    void add(List<Object> key, Row row) {
        KeyRows keyRows = rows.computeIfAbsent(key, k -> new KeyRows());
        keyRows.insert(row);
        stored++;
        trim(keyRows);
    }

    /** Trims every key, dropping keys left empty. */
    void sweep() {
        rows.values().removeIf(keyRows -> {
            trim(keyRows);
            return keyRows.size() == 0;
        });
    }

    private void trim(KeyRows keyRows) {
        long now = clock.now;
        if (now == Long.MIN_VALUE || keyRows.size() == 0 || keyRows.get(0).ts() >= now) {
            return;
        }
        int older = keyRows.upperBound(now - 1); // the rows before the clock
        while (older > 0) {
            // The oldest row's rank: rows before the clock that are newer than it.
            if (needed(keyRows.get(0), older - 1, now)) {
                return;
            }
            keyRows.dropOldest();
            older--;
            stored--;
        }
    }

    /** Whether some frame reaches {@code row} from time {@code now}, {@code rank} rows before {@code now} being newer. */
    private boolean needed(Row row, long rank, long now) {
        for (Need need : needs) {
            if (rank < need.lagRows()) {
                return true;
            }
            boolean inSpan = need.span() == Long.MAX_VALUE || row.ts() >= now - need.span();
            if (inSpan && rank < need.rows()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key's rows a request at time {@code ts} can reach, oldest first: the rows up to its time,
     * from the oldest one some frame reaches (the trimming rule, applied from {@code ts}).
     */
    List<Row> upTo(List<Object> key, long ts) {
        KeyRows keyRows = rows.get(key);
        if (keyRows == null) {
            return List.of();
        }
        int end = keyRows.upperBound(ts);
        int older = keyRows.upperBound(ts - 1);
        int from = older;
        while (from > 0 && needed(keyRows.get(from - 1), older - from, ts)) {
            from--;
        }
        List<Row> out = new ArrayList<>(end - from);
        for (int i = from; i < end; i++) {
            out.add(keyRows.get(i));
        }
        return out;
    }

    long storedRows() {
        return stored;
    }
}

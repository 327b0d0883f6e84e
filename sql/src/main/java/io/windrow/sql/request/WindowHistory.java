package io.windrow.sql.request;

import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.plan.Frame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
    private final Map<List<Object>, ArrayDeque<Row>> rows = new HashMap<>();
    private long stored;

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
        ArrayDeque<Row> keyRows = rows.computeIfAbsent(key, k -> new ArrayDeque<>());
        Row newest = keyRows.peekLast();
        if (newest == null || newest.ts() <= row.ts()) {
            keyRows.addLast(row);
        } else {
            // An out-of-order arrival: rare, so the key's rows are rebuilt around it.
            List<Row> all = new ArrayList<>(keyRows);
            int at = all.size();
            while (at > 0 && all.get(at - 1).ts() > row.ts()) {
                at--;
            }
            all.add(at, row);
            keyRows.clear();
            keyRows.addAll(all);
        }
        stored++;
        trim(keyRows);
    }

    /** Trims every key, dropping keys left empty. */
    void sweep() {
        rows.values().removeIf(keyRows -> {
            trim(keyRows);
            return keyRows.isEmpty();
        });
    }

    private void trim(ArrayDeque<Row> keyRows) {
        long now = clock.now;
        if (now == Long.MIN_VALUE || keyRows.isEmpty() || keyRows.peekFirst().ts() >= now) {
            return;
        }
        long ahead = 0;
        Iterator<Row> fromNewest = keyRows.descendingIterator();
        while (fromNewest.hasNext() && fromNewest.next().ts() >= now) {
            ahead++;
        }
        while (!keyRows.isEmpty() && keyRows.peekFirst().ts() < now) {
            Row oldest = keyRows.peekFirst();
            long rank = keyRows.size() - 1 - ahead; // older-than-clock rows newer than it
            if (needed(oldest, rank, now)) {
                return;
            }
            keyRows.pollFirst();
            stored--;
        }
    }

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

    /** The key's stored rows with a time up to {@code ts}, oldest first. */
    List<Row> upTo(List<Object> key, long ts) {
        ArrayDeque<Row> keyRows = rows.get(key);
        if (keyRows == null) {
            return List.of();
        }
        List<Row> out = new ArrayList<>(keyRows.size());
        for (Row row : keyRows) {
            if (row.ts() > ts) {
                break;
            }
            out.add(row);
        }
        return out;
    }

    long storedRows() {
        return stored;
    }
}

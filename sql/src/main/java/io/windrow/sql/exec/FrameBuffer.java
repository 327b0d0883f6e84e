package io.windrow.sql.exec;

import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.plan.Frame;
import io.windrow.udf.WindowState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one window frame for one partition key, with the incremental state of every call
 * over that frame. Rows arrive in window order (time, then union rows before main rows, then input
 * position). A row first waits in {@code pending} until the frame's end bound admits it
 * (history-only windows, EXCLUDE CURRENT_TIME), then joins {@code history}; {@code history} is
 * trimmed from its oldest end by the start bound, the ROWS count and MAXSIZE. Both are monotone in
 * time, so each row enters and leaves the states at most once: the buffer never holds more than the
 * frame (plus rows not yet admitted).
 *
 * <p>The states catch up lazily: a row joining {@code history} is added to them only when a result
 * is next read, so a row that enters and leaves the frame between two results never touches them.
 * In an {@code INSTANCE_NOT_IN_WINDOW} window the union rows, which ask for no result, usually far
 * outnumber the main rows that do. The rows not yet added are always the newest of {@code history}.
 */
final class FrameBuffer {
    /** A row as the window sees it: its order key and the group's value columns. */
    record Entry(long ts, Object[] values) {}

    private final Frame frame;
    private final long holdBack;
    private final long limit;
    private final boolean retainHistory;
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    private final List<CallSpec> incremental;
    private final List<WindowState> states;
    private final List<Object[]> scratch;
    private long historySize;
    /** How many of the newest history rows the states have not seen yet. */
    private int unapplied;
    /** The newest rows offered (for lag/at): at most maxLag older than the newest time, plus those at it. */
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private final int maxLag;
    private int recentAtNewestTime;

    FrameBuffer(Frame frame, List<CallSpec> incremental, List<WindowState> states, boolean hasPerFrameCalls,
            int maxLag) {
        this.frame = frame;
        this.incremental = incremental;
        this.states = states;
        this.scratch = new ArrayList<>();
        for (CallSpec call : incremental) {
            scratch.add(new Object[call.valueSlots().length]);
        }
        boolean rows = frame.type() == WindowSpec.FrameType.ROWS;
        long end = frame.endOffset();
        this.holdBack = rows ? (frame.endOpen() ? end : Math.max(0, end - 1)) : 0;
        if (rows) {
            long last = frame.startUnbounded() ? Long.MAX_VALUE
                    : frame.startOpen() ? frame.startOffset() - 1 : frame.startOffset();
            this.limit = last == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, last - holdBack);
        } else {
            this.limit = frame.maxSize() > 0 ? frame.maxSize() - (frame.includesCurrentRow() ? 1 : 0) : Long.MAX_VALUE;
        }
        boolean neverEvicts = limit == Long.MAX_VALUE && (rows || frame.startUnbounded());
        this.retainHistory = !neverEvicts || hasPerFrameCalls;
        this.maxLag = Math.max(0, maxLag);
    }

    /** A row that may enter this frame for later rows (a union row, or a main row once evaluated). */
    void offer(Entry entry) {
        pending.addLast(entry);
        if (maxLag > 0) {
            if (!recent.isEmpty() && recent.peekLast().ts() == entry.ts()) {
                recentAtNewestTime++;
            } else {
                recentAtNewestTime = 1;
            }
            recent.addLast(entry);
            int keep = frame.excludeCurrentTime() ? maxLag + recentAtNewestTime : maxLag;
            while (recent.size() > keep) {
                recent.pollFirst();
            }
        }
        // Later rows have larger or equal times, so what is admitted or evicted now stays so.
        advance(entry.ts());
    }

    /** Admits and evicts for a current row at time {@code t}. */
    void advance(long t) {
        admit(t);
        evict(t);
    }

    private void admit(long t) {
        if (frame.type() == WindowSpec.FrameType.ROWS) {
            long eligible = pending.size();
            if (frame.excludeCurrentTime()) {
                Iterator<Entry> newest = pending.descendingIterator();
                while (newest.hasNext() && newest.next().ts() >= t) {
                    eligible--;
                }
            }
            while (eligible > holdBack) {
                enter(pending.pollFirst());
                eligible--;
            }
            return;
        }
        long bound = t - frame.endOffset();
        while (!pending.isEmpty()) {
            long ts = pending.peekFirst().ts();
            boolean admissible = frame.endOpen() ? ts < bound : ts <= bound;
            if (frame.excludeCurrentTime() && ts >= t) {
                admissible = false;
            }
            if (!admissible) {
                return;
            }
            enter(pending.pollFirst());
        }
    }

    private void evict(long t) {
        if (frame.type() == WindowSpec.FrameType.ROWS_RANGE && !frame.startUnbounded()) {
            long bound = t - frame.startOffset();
            while (!history.isEmpty()) {
                long ts = history.peekFirst().ts();
                if (frame.startOpen() ? ts <= bound : ts < bound) {
                    leave(history.pollFirst());
                } else {
                    break;
                }
            }
        }
        while (historySize > limit) {
            leave(history.pollFirst());
        }
    }

    private void enter(Entry entry) {
        historySize++;
        if (retainHistory) {
            history.addLast(entry);
            unapplied++;
        } else {
            apply(entry); // the row is not kept, so the states must see it now
        }
    }

    private void leave(Entry entry) {
        historySize--;
        if (historySize < unapplied) {
            unapplied--; // it never reached the states
            return;
        }
        for (int i = 0; i < incremental.size(); i++) {
            states.get(i).removeOldest(fill(i, entry));
        }
    }

    private void apply(Entry entry) {
        for (int i = 0; i < incremental.size(); i++) {
            states.get(i).add(fill(i, entry));
        }
    }

    /** Adds the history rows the states have not seen, oldest first. */
    private void catchUp() {
        if (unapplied == 0) {
            return;
        }
        Entry[] newest = new Entry[unapplied];
        Iterator<Entry> fromNewest = history.descendingIterator();
        for (int i = unapplied - 1; i >= 0; i--) {
            newest[i] = fromNewest.next();
        }
        for (Entry entry : newest) {
            apply(entry);
        }
        unapplied = 0;
    }

    private Object[] fill(int call, Entry entry) {
        int[] slots = incremental.get(call).valueSlots();
        Object[] values = scratch.get(call);
        for (int j = 0; j < slots.length; j++) {
            values[j] = entry.values()[slots[j]];
        }
        return values;
    }

    /** The result of incremental call {@code call} for current row {@code current} (already advanced). */
    Object incrementalResult(int call, Entry current) {
        catchUp();
        WindowState state = states.get(call);
        if (!frame.includesCurrentRow()) {
            return state.result();
        }
        state.add(fill(call, current));
        Object result = state.result();
        state.removeNewest(fill(call, current));
        return result;
    }

    /** The history rows of the frame, oldest first (only for frames that retain them). */
    Iterable<Entry> history() {
        return history;
    }

    boolean includesCurrentRow() {
        return frame.includesCurrentRow();
    }

    /**
     * The value {@code offset} rows before the current one (at time {@code t}) among the rows offered
     * so far; with EXCLUDE CURRENT_TIME rows at time {@code t} do not count. Null if none.
     */
    Object recent(int offset, int slot, long t) {
        Iterator<Entry> newest = recent.descendingIterator();
        int seen = 0;
        while (newest.hasNext()) {
            Entry entry = newest.next();
            if (frame.excludeCurrentTime() && entry.ts() >= t) {
                continue;
            }
            if (++seen == offset) {
                return entry.values()[slot];
            }
        }
        return null;
    }
}

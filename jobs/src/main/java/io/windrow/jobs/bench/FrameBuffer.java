package io.windrow.jobs.bench;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregation buffer of the baseline's {@link FrameAggregator}s: the newest rows seen so far
 * (at most {@code capacity} history rows) and the row added last, which in every frame the
 * baseline uses is the current row (frames end at CURRENT ROW and rows arrive in window order).
 */
public final class FrameBuffer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One row of a frame: its order time in epoch ms and its value. */
    public record Entry(long millis, Object value) implements Serializable {}

    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    private Entry last;
    private boolean lastIsMain;

    /**
     * Adds a row. History rows (all rows of a plain window, only the UNION rows of an
     * INSTANCE_NOT_IN_WINDOW window) are kept, the newest {@code capacity} of them.
     */
    void add(long millis, Object value, boolean main, boolean keepAsHistory, int capacity) {
        last = new Entry(millis, value);
        lastIsMain = main;
        if (keepAsHistory) {
            history.addLast(last);
            while (history.size() > capacity) {
                history.removeFirst();
            }
        }
    }

    void merge(FrameBuffer other) {
        throw new UnsupportedOperationException("frame buffers are never merged: window frames aggregate on one task");
    }

    Entry last() {
        return last;
    }

    boolean lastIsMain() {
        return lastIsMain;
    }

    /**
     * The values of the frame of the current (last) row: the history rows no older than
     * {@code rangeMillis} before it (all of them when negative), and the current row itself when it
     * is not part of the history.
     */
    List<Object> frameValues(long rangeMillis, boolean currentSeparate) {
        List<Object> values = new ArrayList<>(history.size() + 1);
        if (last == null) {
            return values;
        }
        long lowest = rangeMillis < 0 ? Long.MIN_VALUE : last.millis() - rangeMillis;
        for (Entry entry : history) {
            if (entry.millis() >= lowest) {
                values.add(entry.value());
            }
        }
        if (currentSeparate) {
            values.add(last.value());
        }
        return values;
    }
}

package io.windrow.sql.request;

import io.windrow.sql.exec.RowEvaluator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The stored right rows of a LAST JOIN, by join key. Which row wins is the batch rule
 * ({@link io.windrow.sql.exec.LastJoinExec}): the largest ORDER BY value, NULL losing to any value;
 * without ORDER BY or among equal values, the latest arrival. Without an extra ON condition only the
 * winner per key is kept (it stays the winner whatever the left row); with one, every row of the key
 * is kept, since the condition may reject the winner for some left rows.
 */
final class JoinIndex implements TableListener {
    /** A right row as the join sees it. */
    record Prepared(List<Object> key, Object[] row) {}

    private record Stored(long seq, Object[] row) {}

    private final RowPipeline pipeline;
    private final RowEvaluator[] keys;
    private final int orderSlot;
    private final boolean keepAll;
    private final Map<List<Object>, Stored> winners = new HashMap<>();
    private final Map<List<Object>, List<Stored>> all = new HashMap<>();
    private long stored;

    /** @param orderSlot the right row's ORDER BY column, or -1 */
    JoinIndex(RowPipeline pipeline, RowEvaluator[] keys, int orderSlot, boolean keepAll) {
        this.pipeline = pipeline;
        this.keys = keys.clone();
        this.orderSlot = orderSlot;
        this.keepAll = keepAll;
    }

    String table() {
        return pipeline.table();
    }

    @Override
    public Prepared prepare(Object[] tableRow) {
        Object[] row = pipeline.apply(tableRow);
        if (row == null) {
            return null;
        }
        Object[] keyValues = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keyValues[i] = keys[i].eval(row, row);
        }
        List<Object> key = JoinKeys.of(keyValues);
        return key == null ? null : new Prepared(key, row);
    }

    @Override
    public void commit(Object prepared, long seq) {
        Prepared right = (Prepared) prepared;
        Stored row = new Stored(seq, right.row());
        if (keepAll) {
            all.computeIfAbsent(right.key(), k -> new ArrayList<>()).add(row);
            stored++;
            return;
        }
        Stored winner = winners.get(right.key());
        if (winner == null) {
            winners.put(right.key(), row);
            stored++;
        } else if (beats(row, winner)) {
            winners.put(right.key(), row);
        }
    }

    /** The winning right row for {@code key} among those {@code condition} accepts, or null. */
    Object[] lookup(List<Object> key, Predicate<Object[]> condition) {
        if (!keepAll) {
            Stored winner = winners.get(key);
            return winner != null && condition.test(winner.row()) ? winner.row() : null;
        }
        Stored best = null;
        for (Stored row : all.getOrDefault(key, List.of())) {
            if ((best == null || beats(row, best)) && condition.test(row.row())) {
                best = row;
            }
        }
        return best == null ? null : best.row();
    }

    @Override
    public long storedRows() {
        return stored;
    }

    /** Whether {@code a} wins over {@code b}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean beats(Stored a, Stored b) {
        if (orderSlot >= 0) {
            Object x = a.row()[orderSlot];
            Object y = b.row()[orderSlot];
            if (x == null && y != null) {
                return false;
            }
            if (x != null && y == null) {
                return true;
            }
            if (x != null) {
                int order = ((Comparable) x).compareTo(y);
                if (order != 0) {
                    return order > 0;
                }
            }
        }
        return a.seq() > b.seq();
    }
}

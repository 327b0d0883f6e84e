package io.windrow.sql.request;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.exec.RowEvaluator;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.WindowGroup;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

/**
 * One input of a window group in request mode, the main table or a UNION source, and the history
 * of its stored rows. A row of the source's table goes through the source's {@link RowPipeline},
 * is laid out as the group's input row (a UNION row's columns by position onto the main columns,
 * the others NULL, as the batch operator aligns them) and becomes the group's partition key, order
 * time and value columns.
 */
final class WindowSource implements TableListener {
    /** A table row as this window sees it. */
    record Prepared(List<Object> key, long ts, Object[] values) {}

    private final RowPipeline pipeline;
    private final String windowName;
    private final int[] layout;
    private final int[] keySlots;
    private final int orderSlot;
    private final String orderId;
    private final RowEvaluator[] values;
    private final WindowHistory history;
    /** Set for the main table's source, whose rows advance the group's clock. */
    private final WindowHistory.Clock clock;
    /** Window order among sources at equal time: main rows after UNION rows, later UNION sources older. */
    private final int flag;
    private final int sourceNumber;

    /**
     * @param alignment for each input column of the group ({@code group.child().output()}), the index of
     *     the pipeline output column that fills it, or -1 for NULL
     */
    WindowSource(WindowGroup group, RowPipeline pipeline, int[] alignment, List<Expression> valueExprs,
            WindowHistory history, WindowHistory.Clock clock, int flag, int sourceNumber) {
        this.pipeline = pipeline;
        this.windowName = group.frames().get(0).name();
        this.layout = alignment.clone();
        List<Field> input = group.child().output();
        this.keySlots = group.partitionKeys().stream().mapToInt(id -> indexOf(input, id)).toArray();
        this.orderSlot = indexOf(input, group.orderKey().id());
        this.orderId = alignment[orderSlot] < 0 ? group.orderKey().id()
                : pipeline.output().get(alignment[orderSlot]).id();
        this.values = valueExprs.stream().map(expr -> RowEvaluator.compile(expr, id -> indexOf(input, id)))
                .toArray(RowEvaluator[]::new);
        this.history = history;
        this.clock = clock;
        this.flag = flag;
        this.sourceNumber = sourceNumber;
    }

    static int indexOf(List<Field> fields, String id) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("column " + id + " is not an input of the window");
    }

    String table() {
        return pipeline.table();
    }

    int flag() {
        return flag;
    }

    int sourceNumber() {
        return sourceNumber;
    }

    WindowHistory history() {
        return history;
    }

    /**
     * The row as the window sees it, or null when the source's filter drops it.
     *
     * @throws IllegalArgumentException naming the column when the order key is NULL or negative
     */
    @Override
    public Prepared prepare(Object[] tableRow) {
        Object[] out = pipeline.apply(tableRow);
        if (out == null) {
            return null;
        }
        Object[] row = new Object[layout.length];
        for (int i = 0; i < layout.length; i++) {
            row[i] = layout[i] < 0 ? null : out[layout[i]];
        }
        Object order = row[orderSlot];
        if (order == null) {
            throw new IllegalArgumentException(pipeline.describe(orderId) + ": the order key of window " + windowName
                    + " is NULL");
        }
        long ts = epoch(order);
        if (ts < 0) {
            throw new IllegalArgumentException(pipeline.describe(orderId) + ": the order key of window " + windowName
                    + " is negative (" + order + ")");
        }
        Object[] key = new Object[keySlots.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = JoinKeys.normalize(row[keySlots[i]]);
        }
        Object[] valueRow = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            valueRow[i] = values[i].eval(row, row);
        }
        return new Prepared(Arrays.asList(key), ts, valueRow);
    }

    @Override
    public void commit(Object prepared, long seq) {
        Prepared row = (Prepared) prepared;
        if (clock != null) {
            clock.advance(row.ts());
        }
        history.add(row.key(), new WindowHistory.Row(row.ts(), seq, row.values()));
    }

    @Override
    public void sweep() {
        history.sweep();
    }

    @Override
    public long storedRows() {
        return history.storedRows();
    }

    /** The order key as the batch operator sorts it: epoch ms for timestamps, days for dates. */
    private static long epoch(Object order) {
        if (order instanceof Timestamp timestamp) {
            return timestamp.getTime();
        }
        if (order instanceof Date date) {
            return date.toLocalDate().toEpochDay();
        }
        return ((Number) order).longValue();
    }
}

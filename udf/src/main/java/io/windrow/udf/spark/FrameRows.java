package io.windrow.udf.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregation buffer of {@link WindowStateAggregator}: the value arguments of the rows Spark
 * fed, in order. Spark's window operator re-feeds a sliding frame's rows for every output row, so
 * keeping the rows and replaying them into a fresh {@link io.windrow.udf.WindowState} at the end
 * gives exactly the state's result. Java-serializable for Spark's shuffles and spills.
 */
public final class FrameRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<Object[]> rows = new ArrayList<>();

    void add(Object[] row) {
        rows.add(row);
    }

    void addAll(FrameRows other) {
        rows.addAll(other.rows);
    }

    List<Object[]> rows() {
        return rows;
    }
}

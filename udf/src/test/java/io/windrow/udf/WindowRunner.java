package io.windrow.udf;

import org.apache.spark.sql.types.DataType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Test driver: evaluates a function over {@code ROWS BETWEEN n PRECEDING AND CURRENT ROW} of one
 * partition, feeding the state as the window operator does, and returns one result per row.
 */
public final class WindowRunner {
    private WindowRunner() {}

    public static List<Object> rows(String function, List<DataType> types, List<Object> constants, int preceding,
            List<Object[]> rows) {
        return rows(FunctionRegistry.standard().lookup(function).orElseThrow(), types, constants, preceding, rows);
    }

    /** The same for a function that is not in the registry by name (e.g. an OverSplit composition). */
    public static List<Object> rows(WindowFunction f, List<DataType> types, List<Object> constants, int preceding,
            List<Object[]> rows) {
        f.resultType(types);
        WindowState state = f.newState(types, constants);
        Deque<Object[]> frame = new ArrayDeque<>();
        List<Object> results = new ArrayList<>();
        Object[] reused = new Object[rows.isEmpty() ? 0 : rows.get(0).length];
        for (Object[] row : rows) {
            // The operator may reuse the array: make sure states copy what they keep.
            System.arraycopy(row, 0, reused, 0, row.length);
            state.add(reused);
            Arrays.fill(reused, "garbage");
            frame.addLast(row);
            while (frame.size() > preceding + 1) {
                Object[] oldest = frame.removeFirst();
                System.arraycopy(oldest, 0, reused, 0, oldest.length);
                state.removeOldest(reused);
                Arrays.fill(reused, "garbage");
            }
            results.add(state.result());
        }
        return results;
    }

    /** One-column rows. */
    public static List<Object[]> column(Object... values) {
        List<Object[]> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(new Object[] {value});
        }
        return rows;
    }

    /** Rows from parallel columns. */
    public static List<Object[]> columns(Object[]... columns) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < columns[0].length; i++) {
            Object[] row = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c][i];
            }
            rows.add(row);
        }
        return rows;
    }
}

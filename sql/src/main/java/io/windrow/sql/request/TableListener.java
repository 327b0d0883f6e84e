package io.windrow.sql.request;

/**
 * An index a table's appended rows feed (a window source's history, a LAST JOIN's right rows). An
 * append first prepares the row for every index, which may reject it, and only then commits to all:
 * a rejected row is stored nowhere.
 */
interface TableListener {
    /**
     * What this index would store for a checked table row; null when it stores nothing (a filter
     * dropped it, a NULL join key).
     *
     * @throws IllegalArgumentException naming the column, for a row this index cannot take
     */
    Object prepare(Object[] row);

    /** Stores a prepared row; {@code seq} orders the table's rows by arrival (input order). */
    void commit(Object prepared, long seq);

    /** Drops what no later request can reach (see {@link WindowHistory}); called under the engine's write lock. */
    default void sweep() {
    }

    /** The rows held, for memory figures. */
    long storedRows();
}

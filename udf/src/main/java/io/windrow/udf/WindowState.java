package io.windrow.udf;

/**
 * The incremental state of one aggregate over one sliding window frame. The window operator feeds
 * it the argument values of each row as the row enters the frame ({@link #add}) and again as it
 * leaves ({@link #removeOldest} when the frame slides past it, {@link #removeNewest} when the row
 * that was added last leaves again, e.g. the current row of an {@code INSTANCE_NOT_IN_WINDOW}
 * window). {@link #result} reads the aggregate of the rows currently in the frame, in O(1) or
 * O(log n) for most functions, so a frame never has to be recomputed.
 *
 * <p>Values use Spark's external Java types: String, Boolean, Short, Integer, Long, Float, Double,
 * java.sql.Timestamp, java.sql.Date; {@code null} is SQL NULL. The {@code values} array holds the
 * per-row arguments only (constant arguments such as {@code n} of {@code topn_frequency} are given
 * when the state is created); the operator may reuse the array between calls.
 */
public interface WindowState {
    /** A row enters the frame at its newest end. */
    void add(Object[] values);

    /** The oldest row of the frame leaves. {@code values} are the ones it was added with. */
    void removeOldest(Object[] values);

    /** The newest row of the frame leaves. {@code values} are the ones it was added with. */
    void removeNewest(Object[] values);

    /** The aggregate of the rows in the frame, as a value of the function's result type. */
    Object result();
}

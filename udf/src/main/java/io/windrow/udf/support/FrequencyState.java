package io.windrow.udf.support;

import io.windrow.udf.WindowState;

import static java.util.Objects.requireNonNull;

/**
 * The window state of the functions that read the frequencies of one column's non-NULL values
 * ({@code top1_ratio}, {@code entropy}, {@code topn_frequency}): rows entering and leaving the
 * frame update a {@link FrequencyCounter}; subclasses only say how the result reads it. Rows are
 * counted too, NULLs included, for functions whose empty-frame result differs from an all-NULL one.
 */
public abstract class FrequencyState implements WindowState {
    private final FrequencyCounter counter;
    private long rows;

    protected FrequencyState(FrequencyCounter counter) {
        this.counter = requireNonNull(counter, "counter");
    }

    @Override
    public final void add(Object[] values) {
        rows++;
        if (values[0] != null) {
            counter.add(values[0]);
        }
    }

    @Override
    public final void removeOldest(Object[] values) {
        rows--;
        if (values[0] != null) {
            counter.remove(values[0]);
        }
    }

    @Override
    public final void removeNewest(Object[] values) {
        removeOldest(values); // frequencies don't depend on which end a row leaves from
    }

    protected final FrequencyCounter counter() {
        return counter;
    }

    /** Rows in the frame, NULLs included. */
    protected final long rows() {
        return rows;
    }
}

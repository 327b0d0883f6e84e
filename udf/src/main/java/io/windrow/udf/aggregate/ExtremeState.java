package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.SortedMultiset;

/**
 * The state of {@link Extreme} (min and max): the frame's non-NULL values in a {@link SortedMultiset},
 * so the extreme survives rows leaving from either end.
 */
final class ExtremeState implements WindowState {
    private final SortedMultiset values = new SortedMultiset();
    private final boolean maximum;

    ExtremeState(boolean maximum) {
        this.maximum = maximum;
    }

    @Override
    public void add(Object[] row) {
        if (row[0] != null) {
            values.add(row[0]);
        }
    }

    @Override
    public void removeOldest(Object[] row) {
        if (row[0] != null) {
            values.remove(row[0]);
        }
    }

    @Override
    public void removeNewest(Object[] row) {
        removeOldest(row);
    }

    @Override
    public Object result() {
        return maximum ? values.last() : values.first();
    }
}

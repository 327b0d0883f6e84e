package io.windrow.sql.plan;

import io.windrow.sql.ast.Bound;
import io.windrow.sql.ast.WindowSpec;

import java.io.Serializable;

/**
 * The frame of one window of a {@link WindowGroup}: ROWS or ROWS_RANGE bounds, MAXSIZE (0 when
 * none) and OpenMLDB's attributes. Serializable: the window operator ships it to executors.
 */
public record Frame(
        String name,
        WindowSpec.FrameType type,
        boolean startUnbounded,
        long startOffset,
        boolean startOpen,
        long endOffset,
        boolean endOpen,
        long maxSize,
        boolean excludeCurrentRow,
        boolean excludeCurrentTime,
        boolean instanceNotInWindow) implements Serializable {

    public static Frame of(String name, WindowSpec spec) {
        Bound start = spec.start();
        Bound end = spec.end();
        return new Frame(name, spec.frameType(), start.unbounded(), start.offset(), start.open(), end.offset(),
                end.open(), spec.maxSize() == null ? 0 : spec.maxSize(), spec.excludeCurrentRow(),
                spec.excludeCurrentTime(), spec.instanceNotInWindow());
    }

    /** Whether the current row is part of its own window. */
    public boolean includesCurrentRow() {
        return endOffset == 0 && !endOpen && !excludeCurrentRow;
    }
}

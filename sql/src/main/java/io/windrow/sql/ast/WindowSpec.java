package io.windrow.sql.ast;

import java.util.List;

/**
 * A window definition: sources, keys, order column (null when not written: the table index's TS
 * column orders it), frame and OpenMLDB's window attributes.
 */
public record WindowSpec(
        List<Relation> unions,
        List<Expr.ColumnRef> partitionBy,
        Expr.ColumnRef orderBy,
        FrameType frameType,
        Bound start,
        Bound end,
        Long maxSize,
        boolean excludeCurrentRow,
        boolean excludeCurrentTime,
        boolean instanceNotInWindow,
        Position position) {
    public enum FrameType { ROWS, ROWS_RANGE }

    public WindowSpec {
        unions = List.copyOf(unions);
        partitionBy = List.copyOf(partitionBy);
    }
}

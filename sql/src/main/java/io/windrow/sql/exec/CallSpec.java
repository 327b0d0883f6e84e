package io.windrow.sql.exec;

import org.apache.spark.sql.types.DataType;

import java.io.Serializable;
import java.util.List;

/**
 * One window call as the executor-side operator sees it. {@code INCREMENTAL} calls keep a
 * {@link io.windrow.udf.WindowState} per frame; {@code PER_FRAME} calls re-aggregate the frame's
 * rows for each output row because their arguments read the current row; {@code NAVIGATION} is
 * {@code at}/{@code lag}: the value {@code offset} rows before the current one.
 */
public record CallSpec(
        Kind kind,
        int frameIndex,
        String function,
        List<DataType> argumentTypes,
        List<Object> constants,
        int[] valueSlots,
        List<RowExpression> rowArguments,
        int offset) implements Serializable {
    public enum Kind { INCREMENTAL, PER_FRAME, NAVIGATION }

    /** This call reading its per-frame arguments through {@code expressions}. */
    CallSpec withRowArguments(List<RowExpression> expressions) {
        return new CallSpec(kind, frameIndex, function, argumentTypes, constants, valueSlots, expressions, offset);
    }
}

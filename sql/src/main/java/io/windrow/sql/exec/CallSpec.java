package io.windrow.sql.exec;

import io.windrow.sql.plan.WindowCall;
import org.apache.spark.sql.types.DataType;

import java.io.Serializable;
import java.util.List;

/**
 * One window call as the executor-side operator sees it: its {@link WindowCall.Kind} (decided by the
 * planner), the value slots it reads, and for {@code PER_FRAME} calls the compiled arguments that
 * read frame and current row; {@code NAVIGATION} reads slot 0 {@code offset} rows back.
 */
public record CallSpec(
        WindowCall.Kind kind,
        int frameIndex,
        String function,
        List<DataType> argumentTypes,
        List<Object> constants,
        int[] valueSlots,
        List<RowEvaluator> rowArguments,
        int offset) implements Serializable {
}

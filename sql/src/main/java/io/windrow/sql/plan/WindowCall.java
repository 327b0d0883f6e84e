package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.analyzer.ExpressionAnalyzer;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.types.DataType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One call of a window group: {@code function(args, constants) OVER frames[frameIndex]}, producing
 * column {@code id} of type {@code resultType}. {@code args} are the per-row value arguments (for a
 * {@link Kind#NAVIGATION} call, the column read), {@code constants} the literal arguments after them
 * (the {@code n} of {@code topn_frequency}), {@code offset} the rows back a navigation call reads.
 */
public record WindowCall(String id, String function, Kind kind, List<Expression> args, List<Object> constants,
        SqlType resultType, int frameIndex, int offset) {
    /** How the window operator computes a call; decided by the planner, in one place. */
    public enum Kind {
        /** An aggregate state per frame: rows are added as they enter and removed as they leave. */
        INCREMENTAL,
        /** Arguments read the current row, so the frame is re-aggregated for each output row. */
        PER_FRAME,
        /** {@code at} / {@code lag}: the value of a row {@code offset} rows back. */
        NAVIGATION
    }

    public WindowCall {
        requireNonNull(id, "id");
        requireNonNull(function, "function");
        requireNonNull(kind, "kind");
        args = List.copyOf(args);
        constants = Collections.unmodifiableList(new ArrayList<>(constants));
        requireNonNull(resultType, "resultType");
    }

    /** The types of all arguments, values then constants, as the window function is typed with. */
    public List<DataType> argumentTypes() {
        List<DataType> types = new ArrayList<>();
        args.forEach(arg -> types.add(arg.type().sparkType()));
        constants.forEach(constant -> types.add(ExpressionAnalyzer.typeOf(constant).sparkType()));
        return types;
    }
}

package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code left LAST JOIN right [ORDER BY orderBy] ON ...}: at most one right row per left row.
 * The ON condition is split into equality keys ({@code leftKeys[i] = rightKeys[i]}, each pair of one
 * type) and a residual BOOL predicate over both sides (null when none). {@code orderBy} is a
 * right-side field id (null when absent). {@code asOf} is the residual when it is an as-of time bound
 * (else null). {@code strategy} says how it runs.
 */
public record LastJoin(PlanNode left, PlanNode right, List<Expression> leftKeys, List<Expression> rightKeys,
        Expression residual, AsOf asOf, String orderBy, Strategy strategy) implements PlanNode {
    /**
     * A residual that bounds time: {@code left >= right} ({@code inclusive}) or {@code left > right},
     * a left-side and a right-side expression of one timestamp or integer type.
     */
    public record AsOf(Expression left, Expression right, boolean inclusive) {}

    /** How a LAST JOIN is executed; decided by the planner. */
    public enum Strategy {
        /** The right side is small: reduced to its winning row per key and broadcast; the left is not shuffled. */
        BROADCAST,
        /** Both sides shuffled by key and sorted, one pass (chains of joins on the same key share it). */
        STREAMED,
        /** A condition the streamed pass cannot use: every match joined, then the best per left row. */
        MATCH_AND_RANK
    }

    public LastJoin {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
    }

    @Override
    public List<Field> output() {
        List<Field> fields = new ArrayList<>(left.output());
        fields.addAll(right.output());
        return fields;
    }
}

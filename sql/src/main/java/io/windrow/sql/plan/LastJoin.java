package io.windrow.sql.plan;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Position;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code left LAST JOIN right [ORDER BY orderBy] ON ...}: at most one right row per left row.
 * The ON condition is split into equality keys ({@code leftKeys[i] = rightKeys[i]}) and a
 * residual predicate over both sides (null when none). {@code orderBy} is a right-side field id
 * (null when absent).
 */
public record LastJoin(PlanNode left, PlanNode right, List<Expr> leftKeys, List<Expr> rightKeys, Expr residual,
        String orderBy, Position position) implements PlanNode {
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

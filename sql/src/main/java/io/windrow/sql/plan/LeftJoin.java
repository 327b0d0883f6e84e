package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code left LEFT JOIN right ON condition}: each left row with every right row the BOOL condition
 * holds for, or once with NULLs for the right columns when none does (SQL's left outer join, as
 * OpenMLDB runs it offline). Its rows are ordered by the left row's position, then the right row's.
 */
public record LeftJoin(PlanNode left, PlanNode right, Expression condition) implements PlanNode {
    public LeftJoin {
        requireNonNull(left, "left");
        requireNonNull(right, "right");
        requireNonNull(condition, "condition");
    }

    @Override
    public List<Field> output() {
        List<Field> fields = new ArrayList<>(left.output());
        fields.addAll(right.output());
        return fields;
    }
}

package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;

import java.util.List;

/** Keeps the rows whose BOOL condition is true (NULL counts as false). */
public record Filter(PlanNode child, Expression condition) implements PlanNode {
    @Override
    public List<Field> output() {
        return child.output();
    }
}

package io.windrow.sql.plan;

import io.windrow.sql.ast.Expr;

import java.util.List;

/** Keeps the rows whose bound condition is true (NULL counts as false). */
public record Filter(PlanNode child, Expr condition) implements PlanNode {
    @Override
    public List<Field> output() {
        return child.output();
    }
}

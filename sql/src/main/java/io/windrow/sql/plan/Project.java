package io.windrow.sql.plan;

import io.windrow.sql.ast.Expr;

import java.util.List;

/** Computes the select list: one bound expression per output field (same order). */
public record Project(PlanNode child, List<Expr> expressions, List<Field> output) implements PlanNode {
    public Project {
        expressions = List.copyOf(expressions);
        output = List.copyOf(output);
        if (expressions.size() != output.size()) {
            throw new IllegalArgumentException("one expression per output field");
        }
    }
}

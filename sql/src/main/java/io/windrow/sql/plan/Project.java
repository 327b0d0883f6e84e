package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;

import java.util.List;

/** Computes the select list: one typed expression per output field (same order). */
public record Project(PlanNode child, List<Expression> expressions, List<Field> output) implements PlanNode {
    public Project {
        expressions = List.copyOf(expressions);
        output = List.copyOf(output);
        if (expressions.size() != output.size()) {
            throw new IllegalArgumentException("one expression per output field");
        }
    }
}

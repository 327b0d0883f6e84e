package io.windrow.sql.plan;

import java.util.List;

/** The first {@code count} rows in input order. */
public record Limit(PlanNode child, long count) implements PlanNode {
    @Override
    public List<Field> output() {
        return child.output();
    }
}

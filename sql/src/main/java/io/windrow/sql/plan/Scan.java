package io.windrow.sql.plan;

import java.util.List;

/** Reads a named input table; {@code output} maps its columns, in table order, to internal ids. */
public record Scan(String table, List<Field> output) implements PlanNode {
    public Scan {
        output = List.copyOf(output);
    }
}

package io.windrow.sql.plan;

import java.util.List;

/** Reads a named input table; {@code output} maps its columns, in table order, to internal ids. */
public record Scan(String table, List<Field> output) implements PlanNode {
    /**
     * The table a SELECT without FROM reads: one row without columns, which the engine supplies
     * (no SQL name can spell it).
     */
    public static final String ONE_ROW = "(one row)";

    public Scan {
        output = List.copyOf(output);
    }
}

package io.windrow.sql.ast;

import java.util.List;

/**
 * A SELECT statement: items, FROM, named windows, WHERE, GROUP BY (empty when none), HAVING and LIMIT
 * (from, where, having and limit may be null; without FROM the items are computed once, over one row).
 */
public record Select(
        List<SelectItem> items,
        Relation from,
        List<NamedWindow> windows,
        Expr where,
        List<Expr> groupBy,
        Expr having,
        Long limit,
        Position position) {
    public Select {
        items = List.copyOf(items);
        windows = List.copyOf(windows);
        groupBy = List.copyOf(groupBy);
    }

    /** One entry of the select list; alias may be null. */
    public record SelectItem(Expr expr, String alias, Position position) {}

    /** {@code name AS (spec)} of a WINDOW clause. */
    public record NamedWindow(String name, WindowSpec spec, Position position) {}
}

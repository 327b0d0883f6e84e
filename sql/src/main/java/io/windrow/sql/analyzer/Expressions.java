package io.windrow.sql.analyzer;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Queries over typed expression trees. */
public final class Expressions {
    private Expressions() {}

    /** The internal column ids {@code expr} reads (current-row reads included). */
    public static Set<String> columnIds(Expression expr) {
        Set<String> ids = new HashSet<>();
        collect(expr, ids);
        return ids;
    }

    private static void collect(Expression expr, Set<String> ids) {
        if (expr instanceof Expression.ColumnRef column) {
            ids.add(column.id());
        }
        expr.children().forEach(child -> collect(child, ids));
    }

    /** The columns {@code expr} reads, in the order first read (current-row reads included). */
    public static Set<Expression.ColumnRef> columns(Expression expr) {
        Set<Expression.ColumnRef> columns = new LinkedHashSet<>();
        collectColumns(expr, columns);
        return columns;
    }

    private static void collectColumns(Expression expr, Set<Expression.ColumnRef> columns) {
        if (expr instanceof Expression.ColumnRef column) {
            columns.add(column);
        }
        expr.children().forEach(child -> collectColumns(child, columns));
    }

    /** Whether {@code expr} reads the current row ({@link Expression.CurrentRow}) anywhere. */
    public static boolean readsCurrentRow(Expression expr) {
        return expr instanceof Expression.CurrentRow || expr.children().stream().anyMatch(Expressions::readsCurrentRow);
    }
}

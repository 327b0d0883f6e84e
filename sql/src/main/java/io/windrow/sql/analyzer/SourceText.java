package io.windrow.sql.analyzer;

import io.windrow.sql.ast.Expr;

import java.util.stream.Collectors;

/** A syntax tree printed back as SQL, to quote the offending text in an error. */
public final class SourceText {
    private SourceText() {}

    public static String of(Expr expr) {
        if (expr == null) {
            return "";
        }
        if (expr instanceof Expr.Literal literal) {
            return literal.value() == null ? "NULL"
                    : literal.value() instanceof String s ? "'" + s + "'" : String.valueOf(literal.value());
        }
        if (expr instanceof Expr.ColumnRef ref) {
            return ref.display();
        }
        if (expr instanceof Expr.BoundColumn column) {
            return column.display();
        }
        if (expr instanceof Expr.Call call) {
            return call.name() + "(" + call.args().stream().map(SourceText::of).collect(Collectors.joining(", "))
                    + ")" + (call.over() == null ? "" : call.over().windowName() != null
                    ? " OVER " + call.over().windowName() : " OVER (...)");
        }
        if (expr instanceof Expr.Binary binary) {
            return of(binary.left()) + " " + binary.op() + " " + of(binary.right());
        }
        if (expr instanceof Expr.Unary unary) {
            return (unary.op().equals("NOT") ? "NOT " : unary.op()) + of(unary.operand());
        }
        if (expr instanceof Expr.Case c) {
            return "CASE " + (c.operand() == null ? "" : of(c.operand()) + " ")
                    + c.whens().stream().map(w -> "WHEN " + of(w.condition()) + " THEN " + of(w.result()))
                    .collect(Collectors.joining(" ")) + (c.otherwise() == null ? "" : " ELSE " + of(c.otherwise()))
                    + " END";
        }
        if (expr instanceof Expr.In in) {
            return of(in.value()) + (in.negated() ? " NOT IN (" : " IN (")
                    + in.list().stream().map(SourceText::of).collect(Collectors.joining(", ")) + ")";
        }
        if (expr instanceof Expr.Between b) {
            return of(b.value()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + of(b.low()) + " AND " + of(b.high());
        }
        if (expr instanceof Expr.Like like) {
            return of(like.value()) + (like.negated() ? " NOT" : "") + (like.caseInsensitive() ? " ILIKE " : " LIKE ")
                    + of(like.pattern()) + (like.escape() == null ? "" : " ESCAPE " + of(like.escape()));
        }
        if (expr instanceof Expr.IsNull isNull) {
            return of(isNull.value()) + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
        }
        if (expr instanceof Expr.Cast cast) {
            return "CAST(" + of(cast.value()) + " AS " + cast.typeName() + ")";
        }
        Expr.Star star = (Expr.Star) expr;
        return star.qualifier() == null ? "*" : star.qualifier() + ".*";
    }
}

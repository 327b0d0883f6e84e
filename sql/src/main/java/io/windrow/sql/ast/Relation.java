package io.windrow.sql.ast;

/** What a FROM clause reads: a table, a subquery, or a LAST JOIN or LEFT JOIN of two relations. */
public sealed interface Relation {
    Position position();

    record Table(String name, String alias, Position position) implements Relation {}

    record Subquery(Select query, String alias, Position position) implements Relation {}

    /** {@code left LAST JOIN right [ORDER BY col] ON condition}; orderBy may be null. */
    record LastJoin(Relation left, Relation right, Expr condition, Expr.ColumnRef orderBy, Position position)
            implements Relation {}

    /** {@code left LEFT [OUTER] JOIN right ON condition}: every match, or the left row with NULLs. */
    record LeftJoin(Relation left, Relation right, Expr condition, Position position) implements Relation {}
}

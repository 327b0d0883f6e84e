package io.windrow.sql.analyzer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
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

    /**
     * Rebuilds {@code expr} top-down: {@code replace} returns a replacement for a node (not
     * descended into) or null to keep the node and rebuild its children.
     */
    public static Expression rewrite(Expression expr, Function<Expression, Expression> replace) {
        Expression replaced = replace.apply(expr);
        if (replaced != null) {
            return replaced;
        }
        return expr.accept(new Expression.Visitor<Expression>() {
            private Expression r(Expression e) {
                return rewrite(e, replace);
            }

            private List<Expression> r(List<Expression> list) {
                List<Expression> out = new ArrayList<>();
                list.forEach(e -> out.add(r(e)));
                return out;
            }

            @Override
            public Expression literal(Expression.Literal literal) {
                return literal;
            }

            @Override
            public Expression column(Expression.ColumnRef column) {
                return column;
            }

            @Override
            public Expression currentRow(Expression.CurrentRow currentRow) {
                return currentRow;
            }

            @Override
            public Expression arithmetic(Expression.Arithmetic a) {
                return new Expression.Arithmetic(a.op(), r(a.left()), r(a.right()), a.type());
            }

            @Override
            public Expression comparison(Expression.Comparison c) {
                return new Expression.Comparison(c.op(), r(c.left()), r(c.right()));
            }

            @Override
            public Expression logical(Expression.Logical l) {
                return new Expression.Logical(l.op(), r(l.left()), r(l.right()));
            }

            @Override
            public Expression not(Expression.Not not) {
                return new Expression.Not(r(not.operand()));
            }

            @Override
            public Expression negate(Expression.Negate negate) {
                return new Expression.Negate(r(negate.operand()), negate.bitwise());
            }

            @Override
            public Expression isNull(Expression.IsNull isNull) {
                return new Expression.IsNull(r(isNull.operand()), isNull.negated());
            }

            @Override
            public Expression caseWhen(Expression.Case c) {
                return new Expression.Case(c.whens().stream().map(w -> new Expression.WhenThen(r(w.condition()),
                        r(w.result()))).toList(), r(c.otherwise()), c.type());
            }

            @Override
            public Expression in(Expression.In in) {
                return new Expression.In(r(in.value()), r(in.list()), in.negated());
            }

            @Override
            public Expression like(Expression.Like like) {
                return new Expression.Like(r(like.value()), r(like.pattern()), like.escape(), like.caseInsensitive(),
                        like.negated());
            }

            @Override
            public Expression cast(Expression.Cast cast) {
                return new Expression.Cast(r(cast.operand()), cast.type());
            }

            @Override
            public Expression call(Expression.Call call) {
                return new Expression.Call(call.name(), call.function(), r(call.args()));
            }
        });
    }
}

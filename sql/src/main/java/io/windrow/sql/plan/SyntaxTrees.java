package io.windrow.sql.plan;

import io.windrow.sql.ast.Bound;
import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Over;
import io.windrow.sql.ast.Position;
import io.windrow.sql.ast.Relation;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ast.WindowSpec;

/**
 * Syntax trees with every source position replaced by {@link Position#UNKNOWN}: two trees that
 * differ only in where they were written are then equal as records, so the planner can tell that
 * two windows are the same (one frame) or two UNION lists read the same sources (one group).
 */
final class SyntaxTrees {
    private static final Position NONE = Position.UNKNOWN;

    private SyntaxTrees() {}

    static WindowSpec withoutPositions(WindowSpec spec) {
        if (spec == null) {
            return null;
        }
        return new WindowSpec(spec.unions().stream().map(SyntaxTrees::withoutPositions).toList(),
                spec.partitionBy().stream().map(ref -> (Expr.ColumnRef) withoutPositions(ref)).toList(),
                (Expr.ColumnRef) withoutPositions(spec.orderBy()), spec.frameType(), withoutPositions(spec.start()),
                withoutPositions(spec.end()), spec.maxSize(), spec.excludeCurrentRow(), spec.excludeCurrentTime(),
                spec.instanceNotInWindow(), NONE);
    }

    static Relation withoutPositions(Relation relation) {
        if (relation instanceof Relation.Table table) {
            return new Relation.Table(table.name(), table.alias(), NONE);
        }
        if (relation instanceof Relation.Subquery subquery) {
            return new Relation.Subquery(withoutPositions(subquery.query()), subquery.alias(), NONE);
        }
        if (relation instanceof Relation.LeftJoin join) {
            return new Relation.LeftJoin(withoutPositions(join.left()), withoutPositions(join.right()),
                    withoutPositions(join.condition()), NONE);
        }
        Relation.LastJoin join = (Relation.LastJoin) relation;
        return new Relation.LastJoin(withoutPositions(join.left()), withoutPositions(join.right()),
                withoutPositions(join.condition()), (Expr.ColumnRef) withoutPositions(join.orderBy()), NONE);
    }

    static Select withoutPositions(Select select) {
        return new Select(
                select.items().stream().map(item -> new Select.SelectItem(withoutPositions(item.expr()), item.alias(),
                        NONE)).toList(),
                select.from() == null ? null : withoutPositions(select.from()),
                select.windows().stream().map(window -> new Select.NamedWindow(window.name(),
                        withoutPositions(window.spec()), NONE)).toList(),
                withoutPositions(select.where()), select.groupBy().stream().map(SyntaxTrees::withoutPositions).toList(),
                withoutPositions(select.having()), select.limit(), NONE);
    }

    private static Bound withoutPositions(Bound bound) {
        return bound == null ? null : new Bound(bound.kind(), bound.offset(), bound.open(), NONE);
    }

    private static Over withoutPositions(Over over) {
        return over == null ? null : new Over(over.windowName(), withoutPositions(over.spec()), NONE);
    }

    static Expr withoutPositions(Expr expr) {
        if (expr == null) {
            return null;
        }
        if (expr instanceof Expr.Literal literal) {
            return new Expr.Literal(literal.value(), NONE);
        }
        if (expr instanceof Expr.ColumnRef ref) {
            return new Expr.ColumnRef(ref.qualifier(), ref.name(), NONE);
        }
        if (expr instanceof Expr.BoundColumn column) {
            return new Expr.BoundColumn(column.internalName(), column.display(), NONE);
        }
        if (expr instanceof Expr.Call call) {
            return new Expr.Call(call.name(), call.args().stream().map(SyntaxTrees::withoutPositions).toList(),
                    withoutPositions(call.over()), NONE);
        }
        if (expr instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), withoutPositions(b.left()), withoutPositions(b.right()), NONE);
        }
        if (expr instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), withoutPositions(u.operand()), NONE);
        }
        if (expr instanceof Expr.Case c) {
            return new Expr.Case(withoutPositions(c.operand()), c.whens().stream().map(w -> new Expr.When(
                    withoutPositions(w.condition()), withoutPositions(w.result()))).toList(),
                    withoutPositions(c.otherwise()), NONE);
        }
        if (expr instanceof Expr.In in) {
            return new Expr.In(withoutPositions(in.value()), in.list().stream().map(SyntaxTrees::withoutPositions)
                    .toList(), in.negated(), NONE);
        }
        if (expr instanceof Expr.Between b) {
            return new Expr.Between(withoutPositions(b.value()), withoutPositions(b.low()), withoutPositions(b.high()),
                    b.negated(), NONE);
        }
        if (expr instanceof Expr.Like l) {
            return new Expr.Like(withoutPositions(l.value()), withoutPositions(l.pattern()), withoutPositions(l.escape()),
                    l.negated(),
                    l.caseInsensitive(), NONE);
        }
        if (expr instanceof Expr.IsNull n) {
            return new Expr.IsNull(withoutPositions(n.value()), n.negated(), NONE);
        }
        if (expr instanceof Expr.Cast c) {
            return new Expr.Cast(withoutPositions(c.value()), c.typeName(), NONE);
        }
        Expr.Star star = (Expr.Star) expr;
        return new Expr.Star(star.qualifier(), NONE);
    }
}

package io.windrow.sql.plan;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Position;

import java.util.List;

/**
 * Aggregates all rows of its child, in input order, into one row with one column per call: a
 * SELECT whose list calls aggregate functions without OVER (and has no window), e.g.
 * {@code SELECT entropy(c1) FROM t}. OpenMLDB's offline mode computes it over the whole table.
 */
public record TableAggregate(PlanNode child, List<Call> calls) implements PlanNode {
    public TableAggregate {
        calls = List.copyOf(calls);
    }

    /** {@code function(args)} over all rows, producing column {@code id}. */
    public record Call(String id, String function, List<Expr> args, Position position) {
        public Call {
            args = List.copyOf(args);
        }
    }

    @Override
    public List<Field> output() {
        return calls.stream().map(call -> new Field(null, call.id(), call.id())).toList();
    }
}

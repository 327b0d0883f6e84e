package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.analyzer.ExpressionAnalyzer;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.types.DataType;

import java.util.ArrayList;
import java.util.Collections;
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

    /** {@code function(args, constants)} over all rows, producing column {@code id}. */
    public record Call(String id, String function, List<Expression> args, List<Object> constants,
            SqlType resultType) {
        public Call {
            args = List.copyOf(args);
            constants = Collections.unmodifiableList(new ArrayList<>(constants));
        }

        /** The types of all arguments, values then constants. */
        public List<DataType> argumentTypes() {
            List<DataType> types = new ArrayList<>();
            args.forEach(arg -> types.add(arg.type().sparkType()));
            constants.forEach(constant -> types.add(ExpressionAnalyzer.typeOf(constant).sparkType()));
            return types;
        }
    }

    @Override
    public List<Field> output() {
        return calls.stream().map(call -> new Field(null, call.id(), call.id(), call.resultType())).toList();
    }
}

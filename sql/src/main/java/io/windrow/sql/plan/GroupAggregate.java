package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GROUP BY keys}: one row per distinct key (NULL is a key like any other) with the key values
 * ({@code keyFields}, computed by {@code keys}) and one column per aggregate call, each folded over
 * the group's rows in input order. A group's row takes the input position of its first row.
 */
public record GroupAggregate(PlanNode child, List<Expression> keys, List<Field> keyFields,
        List<TableAggregate.Call> calls) implements PlanNode {
    public GroupAggregate {
        keys = List.copyOf(keys);
        keyFields = List.copyOf(keyFields);
        calls = List.copyOf(calls);
        if (keys.size() != keyFields.size()) {
            throw new IllegalArgumentException("one field per key");
        }
    }

    @Override
    public List<Field> output() {
        List<Field> fields = new ArrayList<>(keyFields);
        calls.forEach(call -> fields.add(new Field(null, call.id(), call.id(), call.resultType())));
        return fields;
    }
}

package io.windrow.sql.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * All windows of one SELECT that share partition keys, order column and UNION sources, evaluated
 * in one pass. {@code unions} produce rows that only feed windows; their columns map by position
 * onto {@code mainFields} (the select's input columns; the planner checked names and types). The
 * output is the child's fields plus one per call.
 */
public record WindowGroup(PlanNode child, List<Field> mainFields, List<PlanNode> unions, List<String> partitionKeys,
        Field orderKey, List<Frame> frames, List<WindowCall> calls) implements PlanNode {
    public WindowGroup {
        mainFields = List.copyOf(mainFields);
        unions = List.copyOf(unions);
        partitionKeys = List.copyOf(partitionKeys);
        frames = List.copyOf(frames);
        calls = List.copyOf(calls);
    }

    @Override
    public List<Field> output() {
        List<Field> fields = new ArrayList<>(child.output());
        for (WindowCall call : calls) {
            fields.add(new Field(null, call.id(), call.id(), call.resultType()));
        }
        return fields;
    }
}

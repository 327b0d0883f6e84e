package io.windrow.sql.exec;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.analyzer.Expressions;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.WindowCall;
import io.windrow.sql.plan.WindowGroup;
import io.windrow.udf.WindowFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one {@link WindowGroup} compiled for a window operator: the per-row value columns
 * the calls read ({@code values}, each distinct argument computed once) and one {@link CallSpec}
 * per call. Built in one place for both the Spark operator ({@link WindowGroupExec}) and request
 * mode, so both evaluate the same slots with the same {@link KeyWindows}.
 */
public record WindowGroupCalls(List<Expression> values, List<CallSpec> calls) {
    public WindowGroupCalls {
        values = List.copyOf(values);
        calls = List.copyOf(calls);
    }

    public static WindowGroupCalls of(WindowGroup group) {
        ValueSlots values = new ValueSlots();
        List<CallSpec> specs = new ArrayList<>();
        Map<String, Integer> callIndexes = new LinkedHashMap<>();
        for (WindowCall call : group.calls()) {
            callIndexes.put(call.id(), callIndexes.size());
            int[] slots = new int[0];
            if (call.kind() == WindowCall.Kind.PER_FRAME) {
                // The frame rows carry every column the arguments read; nested results come from the current row.
                for (Expression arg : call.args()) {
                    for (Expression.ColumnRef column : Expressions.columns(arg)) {
                        if (!callIndexes.containsKey(column.id())) {
                            values.slotOf(column);
                        }
                    }
                }
            } else {
                slots = call.args().stream().mapToInt(values::slotOf).toArray();
            }
            specs.add(new CallSpec(call.kind(), call.frameIndex(), call.function(), call.argumentTypes(),
                    call.constants(), slots, List.of(), call.offset()));
        }
        // Compiled once the value columns are all known: results of nested calls come after them.
        for (int c = 0; c < specs.size(); c++) {
            WindowCall call = group.calls().get(c);
            if (call.kind() != WindowCall.Kind.PER_FRAME) {
                continue;
            }
            List<RowEvaluator> rowArgs = new ArrayList<>();
            for (Expression arg : call.args()) {
                Map<String, Integer> slots = new LinkedHashMap<>();
                for (Expression.ColumnRef column : Expressions.columns(arg)) {
                    Integer nested = callIndexes.get(column.id());
                    slots.put(column.id(), nested != null ? values.size() + nested : values.slotOf(column));
                }
                rowArgs.add(RowEvaluator.compile(arg, slots::get));
            }
            CallSpec spec = specs.get(c);
            specs.set(c, new CallSpec(spec.kind(), spec.frameIndex(), spec.function(), spec.argumentTypes(),
                    spec.constants(), spec.valueSlots(), rowArgs, spec.offset()));
        }
        return new WindowGroupCalls(values.exprs(), specs);
    }

    /** The window function of each call (null for navigation calls, which read rows directly). */
    public List<WindowFunction> functions(FunctionCatalog catalog) {
        List<WindowFunction> functions = new ArrayList<>();
        for (CallSpec call : calls) {
            functions.add(call.kind() == WindowCall.Kind.NAVIGATION ? null : catalog.lookup(call.function())
                    .orElseThrow(() -> new IllegalStateException("unknown window function " + call.function())));
        }
        return functions;
    }
}

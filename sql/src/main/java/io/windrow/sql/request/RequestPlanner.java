package io.windrow.sql.request;

import io.windrow.sql.SqlException;
import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.analyzer.Expressions;
import io.windrow.sql.ast.Position;
import io.windrow.sql.exec.CallSpec;
import io.windrow.sql.exec.RowEvaluator;
import io.windrow.sql.exec.WindowGroupCalls;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.Filter;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.GroupAggregate;
import io.windrow.sql.plan.LastJoin;
import io.windrow.sql.plan.Limit;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.Project;
import io.windrow.sql.plan.Scan;
import io.windrow.sql.plan.TableAggregate;
import io.windrow.sql.plan.WindowCall;
import io.windrow.sql.plan.WindowGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the batch engine's typed plan into request-mode nodes: the main table's path becomes
 * {@link RequestNode}s, every stored input a {@link TableListener} (window histories, LAST JOIN
 * indexes) registered under its table. Plan shapes request mode does not evaluate are rejected here,
 * with a {@link SqlException} that says so, never approximated.
 */
final class RequestPlanner {
    private final String mainTable;
    private final Position position;
    private final FunctionCatalog catalog;
    private final Map<String, List<TableListener>> listeners = new LinkedHashMap<>();

    RequestPlanner(String mainTable, Position position, FunctionCatalog catalog) {
        this.mainTable = mainTable;
        this.position = position;
        this.catalog = catalog;
    }

    /** The table whose rows the plan's output rows are: down the main (left) inputs. */
    static String mainTable(PlanNode node) {
        while (!(node instanceof Scan)) {
            if (node instanceof Project project) {
                node = project.child();
            } else if (node instanceof Filter filter) {
                node = filter.child();
            } else if (node instanceof Limit limit) {
                node = limit.child();
            } else if (node instanceof LastJoin join) {
                node = join.left();
            } else if (node instanceof TableAggregate aggregate) {
                node = aggregate.child();
            } else if (node instanceof GroupAggregate aggregate) {
                node = aggregate.child();
            } else {
                node = ((WindowGroup) node).child();
            }
        }
        return ((Scan) node).table();
    }

    Map<String, List<TableListener>> listeners() {
        return listeners;
    }

    RequestNode compile(PlanNode node) {
        if (node instanceof Scan scan) {
            if (!scan.table().equals(mainTable)) {
                throw unsupported("reading table " + scan.table() + " on the request's path");
            }
            return new RequestScan();
        }
        if (node instanceof Project project) {
            RequestNode child = compile(project.child());
            RowEvaluator[] expressions = project.expressions().stream()
                    .map(expr -> compile(expr, project.child().output())).toArray(RowEvaluator[]::new);
            return new RequestProject(child, expressions);
        }
        if (node instanceof WindowGroup group) {
            return window(group);
        }
        if (node instanceof LastJoin join) {
            return join(join);
        }
        if (node instanceof Filter) {
            throw unsupported("WHERE on the request's table (a request row always gets its feature row)");
        }
        if (node instanceof Limit) {
            throw unsupported("LIMIT");
        }
        if (node instanceof GroupAggregate) {
            throw unsupported("GROUP BY");
        }
        throw unsupported("aggregates over a whole table (without OVER)");
    }

    private RequestNode window(WindowGroup group) {
        RequestNode child = compile(group.child());
        List<Field> input = group.child().output();
        PlanNode base = group.child();
        while (base instanceof WindowGroup inner) {
            base = inner.child();
        }
        if (!RowPipeline.isRowLocal(base)) {
            throw unsupported("a window over a LAST JOIN or over a select with windows");
        }
        RowPipeline mainPipeline = RowPipeline.of(base);
        int[] alignment = new int[input.size()];
        for (int i = 0; i < input.size(); i++) {
            alignment[i] = mainPipeline.indexOf(input.get(i).id());
        }
        WindowGroupCalls compiled = WindowGroupCalls.of(group);
        List<String> read = new ArrayList<>(group.partitionKeys());
        read.add(group.orderKey().id());
        compiled.values().forEach(value -> read.addAll(Expressions.columnIds(value)));
        for (String id : read) {
            if (alignment[WindowSource.indexOf(input, id)] < 0) {
                throw unsupported("a window whose arguments read the result of another window");
            }
        }
        int[] maxLag = new int[group.frames().size()];
        for (CallSpec call : compiled.calls()) {
            if (call.kind() == WindowCall.Kind.NAVIGATION) {
                maxLag[call.frameIndex()] = Math.max(maxLag[call.frameIndex()], call.offset());
            }
        }
        WindowHistory.Clock clock = new WindowHistory.Clock();
        List<WindowSource> sources = new ArrayList<>();
        sources.add(new WindowSource(group, mainPipeline, alignment, compiled.values(),
                new WindowHistory(group.frames(), maxLag, clock), clock, 1, 0));
        int unions = group.unions().size();
        for (int k = 0; k < unions; k++) {
            PlanNode union = group.unions().get(k);
            if (!RowPipeline.isRowLocal(union)) {
                throw unsupported("a UNION source that is not a table or a row-by-row select over one");
            }
            RowPipeline pipeline = RowPipeline.of(union);
            int[] unionAlignment = new int[input.size()];
            for (int i = 0; i < input.size(); i++) {
                unionAlignment[i] = -1;
                for (int j = 0; j < group.mainFields().size(); j++) {
                    if (group.mainFields().get(j).id().equals(input.get(i).id())) {
                        unionAlignment[i] = j;
                    }
                }
            }
            // The batch operator numbers UNION sources so that later ones sort first (are older) at equal times.
            sources.add(new WindowSource(group, pipeline, unionAlignment, compiled.values(),
                    new WindowHistory(group.frames(), maxLag, clock), null, 0, unions - 1 - k));
        }
        sources.forEach(source -> listen(source.table(), source));
        return new RequestWindow(child, sources, group.frames(), compiled.calls(), compiled.functions(catalog),
                compiled.values().size());
    }

    private RequestNode join(LastJoin join) {
        RequestNode left = compile(join.left());
        RowEvaluator[] leftKeys = join.leftKeys().stream().map(key -> compile(key, join.left().output()))
                .toArray(RowEvaluator[]::new);
        RowEvaluator residual = join.residual() == null ? null : compile(join.residual(), join.output());
        int rightWidth = join.right().output().size();
        if (mainTable(join.right()).equals(mainTable)) {
            RequestNode right = compile(join.right());
            RowEvaluator[] rightKeys = join.rightKeys().stream().map(key -> compile(key, join.right().output()))
                    .toArray(RowEvaluator[]::new);
            return RequestLastJoin.onRequest(left, leftKeys, residual, rightWidth, right, rightKeys);
        }
        if (!RowPipeline.isRowLocal(join.right())) {
            throw unsupported("a LAST JOIN whose right side is not a table or a row-by-row select over one");
        }
        RowPipeline pipeline = RowPipeline.of(join.right());
        RowEvaluator[] rightKeys = join.rightKeys().stream().map(pipeline::compile).toArray(RowEvaluator[]::new);
        int orderSlot = join.orderBy() == null ? -1 : pipeline.indexOf(join.orderBy());
        JoinIndex index = new JoinIndex(pipeline, rightKeys, orderSlot, join.residual() != null);
        listen(pipeline.table(), index);
        return RequestLastJoin.stored(left, leftKeys, residual, rightWidth, index);
    }

    private void listen(String table, TableListener listener) {
        listeners.computeIfAbsent(table, t -> new ArrayList<>()).add(listener);
    }

    private static RowEvaluator compile(Expression expression, List<Field> row) {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            slots.put(row.get(i).id(), i);
        }
        return RowEvaluator.compile(expression, slots::get);
    }

    private SqlException unsupported(String construct) {
        return new SqlException(position, null, "request mode does not support " + construct);
    }
}

package io.windrow.sql.request;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.exec.RowEvaluator;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.Filter;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.Project;
import io.windrow.sql.plan.Scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan fragment that maps one row of one table to at most one row on its own: a {@link Scan} under
 * any number of {@link Project}s and {@link Filter}s. Stored tables reach windows (UNION sources, the
 * main table's history) and LAST JOINs through one; the expressions are the plan's typed expressions
 * evaluated by {@link RowEvaluator}, as everywhere in Java.
 */
final class RowPipeline {
    /** One step; null when the row is filtered out. */
    @FunctionalInterface
    private interface Step {
        Object[] apply(Object[] row);
    }

    private final String table;
    private final List<Step> steps;
    private final List<Field> output;
    private final Map<String, Integer> indexes = new HashMap<>();
    /** Output ids that pass a table column through unchanged, with that column's name. */
    private final Map<String, String> sourceColumns;

    private RowPipeline(String table, List<Step> steps, List<Field> output, Map<String, String> sourceColumns) {
        this.table = table;
        this.steps = List.copyOf(steps);
        this.output = List.copyOf(output);
        this.sourceColumns = sourceColumns;
        for (int i = 0; i < output.size(); i++) {
            indexes.put(output.get(i).id(), i);
        }
    }

    /** Whether {@code node} is a scan under projections and filters only. */
    static boolean isRowLocal(PlanNode node) {
        if (node instanceof Project project) {
            return isRowLocal(project.child());
        }
        if (node instanceof Filter filter) {
            return isRowLocal(filter.child());
        }
        return node instanceof Scan;
    }

    /** The pipeline of a row-local node (see {@link #isRowLocal}). */
    static RowPipeline of(PlanNode node) {
        if (node instanceof Scan scan) {
            Map<String, String> columns = new HashMap<>();
            scan.output().forEach(field -> columns.put(field.id(), scan.table() + "." + field.name()));
            return new RowPipeline(scan.table(), List.of(), scan.output(), columns);
        }
        if (node instanceof Project project) {
            RowPipeline base = of(project.child());
            List<RowEvaluator> evaluators = new ArrayList<>();
            Map<String, String> columns = new HashMap<>();
            for (int i = 0; i < project.expressions().size(); i++) {
                Expression expression = project.expressions().get(i);
                evaluators.add(base.compile(expression));
                if (expression instanceof Expression.ColumnRef column && base.sourceColumns.containsKey(column.id())) {
                    columns.put(project.output().get(i).id(), base.sourceColumns.get(column.id()));
                }
            }
            RowEvaluator[] compiled = evaluators.toArray(new RowEvaluator[0]);
            List<Step> steps = new ArrayList<>(base.steps);
            steps.add(row -> {
                Object[] out = new Object[compiled.length];
                for (int i = 0; i < compiled.length; i++) {
                    out[i] = compiled[i].eval(row, row);
                }
                return out;
            });
            return new RowPipeline(base.table, steps, project.output(), columns);
        }
        if (node instanceof Filter filter) {
            RowPipeline base = of(filter.child());
            RowEvaluator condition = base.compile(filter.condition());
            List<Step> steps = new ArrayList<>(base.steps);
            steps.add(row -> Boolean.TRUE.equals(condition.eval(row, row)) ? row : null);
            return new RowPipeline(base.table, steps, base.output, base.sourceColumns);
        }
        throw new IllegalArgumentException("not a row-local plan: " + node.getClass().getSimpleName());
    }

    /** {@code expression} over this pipeline's output row. */
    RowEvaluator compile(Expression expression) {
        return RowEvaluator.compile(expression, id -> {
            Integer index = indexes.get(id);
            if (index == null) {
                throw new IllegalStateException("column " + id + " is not in the row");
            }
            return index;
        });
    }

    /** The output row of one table row, or null when a filter drops it. */
    Object[] apply(Object[] tableRow) {
        Object[] row = tableRow;
        for (Step step : steps) {
            row = step.apply(row);
            if (row == null) {
                return null;
            }
        }
        return row;
    }

    String table() {
        return table;
    }

    List<Field> output() {
        return output;
    }

    /** The index of output column {@code id}, or -1. */
    int indexOf(String id) {
        return indexes.getOrDefault(id, -1);
    }

    /** How an error names output column {@code id}: the table column it passes through, else its SQL name. */
    String describe(String id) {
        String column = sourceColumns.get(id);
        if (column != null) {
            return column;
        }
        int index = indexOf(id);
        return table + " (" + (index < 0 ? id : output.get(index).name()) + ")";
    }
}

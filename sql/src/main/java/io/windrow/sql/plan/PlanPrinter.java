package io.windrow.sql.plan;

import io.windrow.sql.analyzer.Expression;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The typed plan as indented text, one node per line with its details below it: what
 * {@code explain} prints. It shows where data moves (each window group and each streamed LAST JOIN
 * shuffles its inputs by key; a broadcast join does not), the frames, how each window call is
 * computed, the LAST JOIN strategies and the output schema with its types; it runs nothing.
 */
public final class PlanPrinter {
    private final StringBuilder out = new StringBuilder();

    private PlanPrinter() {}

    public static String print(PlanNode plan) {
        PlanPrinter printer = new PlanPrinter();
        printer.out.append("output: ").append(plan.output().stream().map(f -> f.name() + " " + f.type().sqlName())
                .collect(Collectors.joining(", "))).append('\n');
        printer.node(plan, 0);
        return printer.out.toString();
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }

    private void node(PlanNode node, int depth) {
        if (node instanceof Scan scan) {
            line(depth, "Scan " + scan.table() + " [" + fields(scan.output()) + "]");
        } else if (node instanceof Project project) {
            line(depth, "Project");
            for (int i = 0; i < project.expressions().size(); i++) {
                Field field = project.output().get(i);
                Expression expression = project.expressions().get(i);
                line(depth + 2, field.name() + " " + field.type().sqlName() + " := " + expression.sql());
            }
            node(project.child(), depth + 1);
        } else if (node instanceof Filter filter) {
            line(depth, "Filter " + filter.condition().sql());
            node(filter.child(), depth + 1);
        } else if (node instanceof Limit limit) {
            line(depth, "Limit " + limit.count() + " (first rows in input order)");
            node(limit.child(), depth + 1);
        } else if (node instanceof TableAggregate aggregate) {
            line(depth, "TableAggregate (all rows, one task, input order)");
            for (TableAggregate.Call call : aggregate.calls()) {
                line(depth + 2, call.id() + " " + call.resultType().sqlName() + " := " + call(call.function(),
                        call.args(), call.constants()));
            }
            node(aggregate.child(), depth + 1);
        } else if (node instanceof GroupAggregate aggregate) {
            line(depth, "GroupAggregate (shuffle by the keys, one pass per key in input order)");
            for (int i = 0; i < aggregate.keys().size(); i++) {
                Field key = aggregate.keyFields().get(i);
                line(depth + 2, "key " + key.id() + " " + key.type().sqlName() + " := " + aggregate.keys().get(i).sql());
            }
            for (TableAggregate.Call call : aggregate.calls()) {
                line(depth + 2, call.id() + " " + call.resultType().sqlName() + " := " + call(call.function(),
                        call.args(), call.constants()));
            }
            node(aggregate.child(), depth + 1);
        } else if (node instanceof LastJoin join) {
            lastJoin(join, depth);
        } else if (node instanceof LeftJoin join) {
            line(depth, "LeftJoin (join all matches, then sort by the left and right input order)");
            line(depth + 2, "condition " + join.condition().sql());
            node(join.left(), depth + 1);
            node(join.right(), depth + 1);
        } else {
            windowGroup((WindowGroup) node, depth);
        }
    }

    private void lastJoin(LastJoin join, int depth) {
        String shuffle = switch (join.strategy()) {
            case BROADCAST -> "right side reduced to one row per key and broadcast, left not shuffled";
            case STREAMED -> "shuffle both sides by key, one sorted pass";
            case MATCH_AND_RANK -> "join all matches, keep the best per left row";
        };
        line(depth, "LastJoin " + join.strategy().name().toLowerCase(Locale.ROOT) + " (" + shuffle + ")");
        for (int i = 0; i < join.leftKeys().size(); i++) {
            line(depth + 2, "key " + join.leftKeys().get(i).sql() + " = " + join.rightKeys().get(i).sql() + " "
                    + join.leftKeys().get(i).type().sqlName());
        }
        if (join.asOf() != null) {
            line(depth + 2, "as of " + join.asOf().left().sql() + (join.asOf().inclusive() ? " >= " : " > ")
                    + join.asOf().right().sql());
        } else if (join.residual() != null) {
            line(depth + 2, "condition " + join.residual().sql());
        }
        if (join.orderBy() != null) {
            line(depth + 2, "order by " + name(join.right().output(), join.orderBy()));
        }
        node(join.left(), depth + 1);
        node(join.right(), depth + 1);
    }

    private void windowGroup(WindowGroup group, int depth) {
        line(depth, "WindowGroup (shuffle by partition keys, sort by key and " + group.orderKey().name() + ", one pass)");
        line(depth + 2, "partition by " + group.partitionKeys().stream().map(id -> name(group.mainFields(), id))
                .collect(Collectors.joining(", ")) + ", order by " + group.orderKey().name() + " "
                + group.orderKey().type().sqlName());
        for (Frame frame : group.frames()) {
            line(depth + 2, "window " + frame.name() + ": " + frame(frame));
        }
        for (WindowCall call : group.calls()) {
            String how = switch (call.kind()) {
                case INCREMENTAL -> "incremental";
                case PER_FRAME -> "per-frame (reads the current row)";
                case NAVIGATION -> "navigation, offset " + call.offset();
            };
            line(depth + 2, call.id() + " " + call.resultType().sqlName() + " := "
                    + call(call.function(), call.args(), call.constants()) + " OVER "
                    + group.frames().get(call.frameIndex()).name() + " [" + how + "]");
        }
        node(group.child(), depth + 1);
        for (PlanNode union : group.unions()) {
            line(depth + 1, "union:");
            node(union, depth + 2);
        }
    }

    private static String frame(Frame frame) {
        String unit = frame.type() == io.windrow.sql.ast.WindowSpec.FrameType.ROWS ? "" : "ms";
        String start = frame.startUnbounded() ? "UNBOUNDED PRECEDING"
                : (frame.startOpen() ? "OPEN " : "") + frame.startOffset() + unit + " PRECEDING";
        String end = frame.endOffset() == 0 && !frame.endOpen() ? "CURRENT ROW"
                : (frame.endOpen() ? "OPEN " : "") + frame.endOffset() + unit + " PRECEDING";
        StringBuilder text = new StringBuilder(frame.type() + " BETWEEN " + start + " AND " + end);
        if (frame.maxSize() > 0) {
            text.append(" MAXSIZE ").append(frame.maxSize());
        }
        if (frame.excludeCurrentRow()) {
            text.append(" EXCLUDE CURRENT_ROW");
        }
        if (frame.excludeCurrentTime()) {
            text.append(" EXCLUDE CURRENT_TIME");
        }
        if (frame.instanceNotInWindow()) {
            text.append(" INSTANCE_NOT_IN_WINDOW");
        }
        return text.toString();
    }

    private static String call(String function, List<Expression> args, List<Object> constants) {
        String values = args.stream().map(Expression::sql).collect(Collectors.joining(", "));
        String rest = constants.stream().map(c -> c instanceof String s ? "'" + s + "'" : String.valueOf(c))
                .collect(Collectors.joining(", "));
        return function + "(" + values + (values.isEmpty() || rest.isEmpty() ? "" : ", ") + rest + ")";
    }

    private static String fields(List<Field> fields) {
        return fields.stream().map(f -> f.name() + " " + f.type().sqlName()).collect(Collectors.joining(", "));
    }

    private static String name(List<Field> fields, String id) {
        return fields.stream().filter(f -> f.id().equals(id)).map(Field::name).findFirst().orElse(id);
    }
}

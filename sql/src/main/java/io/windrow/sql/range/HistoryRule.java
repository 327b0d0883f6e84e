package io.windrow.sql.range;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.Filter;
import io.windrow.sql.plan.Frame;
import io.windrow.sql.plan.GroupAggregate;
import io.windrow.sql.plan.LastJoin;
import io.windrow.sql.plan.Limit;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.Project;
import io.windrow.sql.plan.Scan;
import io.windrow.sql.plan.TableAggregate;
import io.windrow.sql.plan.WindowGroup;
import io.windrow.sql.ast.WindowSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The history rule: which rows of each input table a run must see so that the plan's output rows
 * for main-table rows of a date range are exactly those of a full run. Derived from the typed plan:
 * <ul>
 * <li>a ROWS_RANGE frame of span S needs the rows of its tables dated from {@code start - S};</li>
 * <li>a frame bounded by row count (ROWS n PRECEDING) needs, from older rows, the n latest of each
 * partition key (by order key, then input position); an unbounded frame needs all older rows;</li>
 * <li>a LAST JOIN whose right side is a table (columns, possibly renamed) needs, from older rows,
 * the winner of each join key (latest by its ORDER BY, then input position); with a non-equality
 * condition, all older rows;</li>
 * <li>a LAST JOIN whose right side is itself computed (windows, joins) is exact only if no row of
 * its table dated before the range matches a range row's key: a {@link JoinCheck} the run verifies.</li>
 * </ul>
 * Windows with INSTANCE_NOT_IN_WINDOW need nothing from their main input's history. Anything else
 * under a window or join (a WHERE, an aggregate, a LIMIT) is an {@link UnsupportedRangeException}.
 * Rows beyond what is needed may always be added: they never change an exact window or join.
 */
public final class HistoryRule {
    /** The latest {@code rows} rows of each {@code keys} value by {@code order} (a column, or null for input order) then position. */
    public record KeyedRows(List<String> keys, String order, long rows) {
        public KeyedRows {
            keys = List.copyOf(keys);
        }
    }

    /** What one table needs: rows dated from {@code start - spanMillis} (or all), plus keyed rows older than that. */
    public record TableNeed(String table, long spanMillis, boolean allHistory, List<KeyedRows> keyed, Set<String> timeColumns) {
        public TableNeed {
            requireNonNull(table, "table");
            keyed = List.copyOf(keyed);
            timeColumns = Set.copyOf(timeColumns);
        }
    }

    /**
     * No row of {@code rightTable} dated before the range may have {@code rightKeys} equal to a range
     * row's {@code leftKeys} (columns of the main table): such a row's own features would lack history.
     */
    public record JoinCheck(String rightTable, List<String> rightKeys, List<String> leftKeys) {
        public JoinCheck {
            leftKeys = List.copyOf(leftKeys);
            rightKeys = List.copyOf(rightKeys);
        }
    }

    /** The rule for one plan. */
    public record History(String mainTable, Map<String, TableNeed> needs, List<JoinCheck> checks) {
        public History {
            needs = Map.copyOf(needs);
            checks = List.copyOf(checks);
        }

        /** The need of {@code table}; a table no window or join looks back into needs only its range rows. */
        public TableNeed need(String table) {
            TableNeed need = needs.get(table);
            return need != null ? need : new TableNeed(table, 0, false, List.of(), Set.of());
        }
    }

    /** A row-preserving chain down to a scan: the table and which output ids are plain columns of it. */
    private record Source(Scan scan, Map<String, String> columns, boolean computed) {}

    private final Map<String, Long> spans = new LinkedHashMap<>();
    private final Set<String> all = new LinkedHashSet<>();
    private final Map<String, List<KeyedRows>> keyed = new LinkedHashMap<>();
    private final Map<String, Set<String>> times = new LinkedHashMap<>();
    private final List<JoinCheck> checks = new ArrayList<>();

    private HistoryRule() {}

    /** Derives the rule for {@code plan}; throws {@link UnsupportedRangeException} for what a range run cannot do exactly. */
    public static History derive(PlanNode plan) {
        requireNonNull(plan, "plan");
        HistoryRule rule = new HistoryRule();
        Scan main = rule.mainScan(plan);
        rule.visit(plan, main.table());
        Map<String, TableNeed> needs = new LinkedHashMap<>();
        Set<String> tables = new LinkedHashSet<>();
        tables.addAll(rule.spans.keySet());
        tables.addAll(rule.all);
        tables.addAll(rule.keyed.keySet());
        for (String table : tables) {
            needs.put(table, new TableNeed(table, rule.spans.getOrDefault(table, 0L), rule.all.contains(table),
                    rule.keyed.getOrDefault(table, List.of()), rule.times.getOrDefault(table, Set.of())));
        }
        return new History(main.table(), needs, rule.checks.stream().distinct().toList()); // one check per key, not per join
    }

    private Scan mainScan(PlanNode node) {
        while (!(node instanceof Scan)) {
            if (node instanceof Project project) {
                node = project.child();
            } else if (node instanceof Filter filter) {
                node = filter.child();
            } else if (node instanceof LastJoin join) {
                node = join.left();
            } else if (node instanceof WindowGroup group) {
                node = group.child();
            } else {
                throw unsupported(node);
            }
        }
        return (Scan) node;
    }

    private void visit(PlanNode node, String mainTable) {
        if (node instanceof Project project) {
            visit(project.child(), mainTable);
        } else if (node instanceof Filter filter) {
            visit(filter.child(), mainTable);
        } else if (node instanceof WindowGroup group) {
            window(group);
            visit(group.child(), mainTable);
            group.unions().forEach(union -> visit(union, mainTable));
        } else if (node instanceof LastJoin join) {
            join(join, mainTable);
            visit(join.left(), mainTable);
            visit(join.right(), mainTable);
        } else if (!(node instanceof Scan)) {
            throw unsupported(node);
        }
    }

    private void window(WindowGroup group) {
        Source main = source(group.child(), "the input of a window");
        List<Source> unions = new ArrayList<>();
        for (PlanNode union : group.unions()) {
            unions.add(source(union, "a UNION of a window"));
        }
        for (Frame frame : group.frames()) {
            if (!frame.instanceNotInWindow()) {
                need(main, group.partitionKeys(), group.orderKey().id(), frame);
            }
            for (int u = 0; u < unions.size(); u++) {
                need(unions.get(u), byPosition(group, u, group.partitionKeys()),
                        byPosition(group, u, List.of(group.orderKey().id())).get(0), frame);
            }
        }
    }

    /** The ids of a union's output that stand, by position, for {@code ids} of the group's main fields. */
    private static List<String> byPosition(WindowGroup group, int union, List<String> ids) {
        List<String> mapped = new ArrayList<>();
        List<Field> unionFields = group.unions().get(union).output();
        for (String id : ids) {
            int index = -1;
            for (int i = 0; i < group.mainFields().size(); i++) {
                if (group.mainFields().get(i).id().equals(id)) {
                    index = i;
                }
            }
            mapped.add(index < 0 ? null : unionFields.get(index).id());
        }
        return mapped;
    }

    private void need(Source source, List<String> keyIds, String orderId, Frame frame) {
        String table = source.scan().table();
        String order = orderId == null ? null : source.columns().get(orderId);
        List<String> keys = columns(source, keyIds);
        if (order != null) {
            times.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(order);
        }
        if (frame.type() == WindowSpec.FrameType.ROWS_RANGE && !frame.startUnbounded() && order != null) {
            spans.merge(table, frame.startOffset(), Math::max);
        } else if (frame.type() == WindowSpec.FrameType.ROWS && !frame.startUnbounded() && order != null && keys != null) {
            spans.putIfAbsent(table, 0L);
            keyed.computeIfAbsent(table, t -> new ArrayList<>()).add(new KeyedRows(keys, order, frame.startOffset()));
        } else {
            all.add(table); // unbounded, or keyed by computed values: every older row, exact and slow
        }
    }

    private void join(LastJoin join, String mainTable) {
        Source right = source(join.right(), "the right side of a LAST JOIN");
        String table = right.scan().table();
        List<String> rightKeys = refs(right, join.rightKeys());
        if (!right.computed()) {
            String order = join.orderBy() == null ? null : right.columns().get(join.orderBy());
            if (join.residual() != null || rightKeys == null || (join.orderBy() != null && order == null)) {
                all.add(table);
            } else {
                spans.putIfAbsent(table, 0L);
                keyed.computeIfAbsent(table, t -> new ArrayList<>()).add(new KeyedRows(rightKeys, order, 1));
            }
            return;
        }
        Source left = source(join.left(), "the left side of a LAST JOIN");
        List<String> leftKeys = refs(left, join.leftKeys());
        if (!left.scan().table().equals(mainTable) || leftKeys == null || rightKeys == null || join.residual() != null) {
            throw new UnsupportedRangeException("a range run cannot compute exactly a LAST JOIN whose right side is "
                    + "computed (windows, joins) unless it joins the main table's columns to the right table's columns "
                    + "by equality only (right side over table " + table + ")");
        }
        checks.add(new JoinCheck(table, rightKeys, leftKeys));
    }

    private static List<String> refs(Source source, List<Expression> keys) {
        List<String> ids = new ArrayList<>();
        for (Expression key : keys) {
            if (!(key instanceof Expression.ColumnRef ref)) {
                return null;
            }
            ids.add(ref.id());
        }
        return columns(source, ids);
    }

    private static List<String> columns(Source source, List<String> ids) {
        List<String> columns = new ArrayList<>();
        for (String id : ids) {
            String column = id == null ? null : source.columns().get(id);
            if (column == null) {
                return null;
            }
            columns.add(column);
        }
        return columns;
    }

    /** Follows a row-preserving chain (projections, windows, LAST JOIN left sides) to its scan. */
    private static Source source(PlanNode node, String role) {
        if (node instanceof Scan scan) {
            Map<String, String> columns = new HashMap<>();
            for (Field field : scan.output()) {
                columns.put(field.id(), field.name());
            }
            return new Source(scan, columns, false);
        }
        if (node instanceof Project project) {
            Source child = source(project.child(), role);
            Map<String, String> columns = new HashMap<>();
            for (int i = 0; i < project.expressions().size(); i++) {
                if (project.expressions().get(i) instanceof Expression.ColumnRef ref && child.columns().containsKey(ref.id())) {
                    columns.put(project.output().get(i).id(), child.columns().get(ref.id()));
                }
            }
            return new Source(child.scan(), columns, child.computed());
        }
        if (node instanceof WindowGroup group) {
            Source child = source(group.child(), role);
            return new Source(child.scan(), child.columns(), true);
        }
        if (node instanceof LastJoin join) {
            Source child = source(join.left(), role);
            return new Source(child.scan(), child.columns(), true);
        }
        throw new UnsupportedRangeException("a range run cannot compute exactly " + role + " that is "
                + describe(node) + " (only columns, renamed or computed row by row, windows and LAST JOINs)");
    }

    private static UnsupportedRangeException unsupported(PlanNode node) {
        return new UnsupportedRangeException("a range run cannot compute exactly a query with " + describe(node)
                + " (only projections, WHERE on the output, windows and LAST JOINs)");
    }

    private static String describe(PlanNode node) {
        if (node instanceof Filter) {
            return "a WHERE filter below a window or join";
        }
        if (node instanceof Limit) {
            return "a LIMIT";
        }
        if (node instanceof TableAggregate) {
            return "an aggregate without GROUP BY";
        }
        if (node instanceof GroupAggregate) {
            return "a GROUP BY";
        }
        return node.getClass().getSimpleName();
    }
}

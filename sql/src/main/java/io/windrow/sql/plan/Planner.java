package io.windrow.sql.plan;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Over;
import io.windrow.sql.ast.Position;
import io.windrow.sql.ast.Relation;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.ddl.TableIndex;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Turns a parsed SELECT into a logical plan: resolves table and column names (errors name the
 * column and its line:column), lifts window aggregate calls out of the select list and groups
 * the windows that share partition keys, order column and UNION sources into one
 * {@link WindowGroup}, so each group is one pass over the data.
 */
public final class Planner {
    /** Window functions the window operator implements itself (positional access to the frame). */
    public static final Set<String> NAVIGATION_FUNCTIONS = Set.of("at", "lag");
    /** How a syntax node's {@code Position position} component prints inside its record's toString. */
    private static final Pattern POSITION_TEXT = Pattern.compile("position=line \\d+:\\d+");

    private final Map<String, StructType> tables;
    private final FunctionCatalog functions;
    private int nextId;

    public Planner(Map<String, StructType> tables, FunctionCatalog functions) {
        this.tables = Map.copyOf(requireNonNull(tables, "tables"));
        this.functions = requireNonNull(functions, "functions");
    }

    public PlanNode plan(Select select) {
        return planSelect(select);
    }

    private PlanNode planSelect(Select select) {
        PlanNode node = planRelation(select.from());
        List<Field> inputFields = node.output();
        if (select.where() != null) {
            Expr condition = bind(select.where(), inputFields, false);
            requireNoWindowCall(condition, "WHERE");
            node = new Filter(node, condition);
        }
        Map<String, Select.NamedWindow> named = new HashMap<>();
        for (Select.NamedWindow window : select.windows()) {
            if (named.put(window.name().toLowerCase(Locale.ROOT), window) != null) {
                throw error(window.position(), "window " + window.name() + " is defined twice", window.name());
            }
        }
        Relation.Table fromTable = select.from() instanceof Relation.Table table ? table : null;
        WindowCollector collector = new WindowCollector(named, inputFields, fromTable);
        List<Expr> expressions = new ArrayList<>();
        List<Field> output = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        for (Select.SelectItem item : select.items()) {
            if (item.expr() instanceof Expr.Star star) {
                boolean any = false;
                for (Field field : inputFields) {
                    if (star.qualifier() == null || star.qualifier().equalsIgnoreCase(field.qualifier())) {
                        expressions.add(new Expr.BoundColumn(field.id(), field.name(), star.position()));
                        // Keeps its table's name: OpenMLDB resolves t.c through an unaliased (SELECT * FROM t).
                        output.add(new Field(field.qualifier(), field.name(), newId("c")));
                        any = true;
                    }
                }
                if (!any) {
                    throw error(star.position(), "unknown table " + star.qualifier() + " in select list",
                            star.qualifier() + ".*");
                }
                continue;
            }
            requireOneWindow(item.expr());
            Expr bound = collector.lift(bind(item.expr(), inputFields, true));
            expressions.add(bound);
            String name = item.alias() != null ? item.alias() : defaultName(item.expr(), usedNames.size());
            usedNames.add(name);
            output.add(new Field(null, name, newId("c")));
        }
        for (GroupBuilder group : collector.groups.values()) {
            node = new WindowGroup(node, inputFields, group.unions, group.partitionKeys, group.orderKey,
                    group.orderDisplay, group.frames, group.calls);
        }
        node = planPlainAggregates(node, expressions, output, !collector.groups.isEmpty());
        node = new Project(node, expressions, output);
        if (select.limit() != null) {
            node = new Limit(node, select.limit());
        }
        return node;
    }

    /**
     * Aggregates without OVER: with windows in the same SELECT they are an error; without, they fold
     * the whole table into one row ({@link TableAggregate}), and {@code expressions} are rewritten to
     * read their results. Returns {@code node}, or the aggregate over it.
     */
    private PlanNode planPlainAggregates(PlanNode node, List<Expr> expressions, List<Field> output, boolean hasWindows) {
        if (hasWindows) {
            for (Expr expr : expressions) {
                Optional<Expr> aggregate = find(expr, this::isPlainAggregate);
                if (aggregate.isPresent()) {
                    Expr.Call call = (Expr.Call) aggregate.get();
                    throw error(call.position(), "aggregate " + call.name() + " without OVER in a SELECT with "
                            + "windows (add OVER, or aggregate the whole table in a SELECT of its own)", call.name());
                }
            }
            return node;
        }
        if (expressions.stream().noneMatch(this::containsPlainAggregate)) {
            return node;
        }
        List<TableAggregate.Call> calls = new ArrayList<>();
        expressions.replaceAll(expr -> liftPlainAggregates(expr, calls));
        Set<String> results = new HashSet<>(calls.stream().map(TableAggregate.Call::id).toList());
        for (int i = 0; i < expressions.size(); i++) {
            for (String id : referencedIds(expressions.get(i))) {
                if (!results.contains(id)) {
                    throw error(expressions.get(i).position(), "a column outside an aggregate function in a SELECT "
                            + "that aggregates the whole table (no window, no GROUP BY)", output.get(i).name());
                }
            }
        }
        return new TableAggregate(node, calls);
    }

    private PlanNode planRelation(Relation relation) {
        if (relation instanceof Relation.Table table) {
            StructType schema = findTable(table.name(), table.position());
            String qualifier = table.alias() != null ? table.alias() : table.name();
            List<Field> fields = new ArrayList<>();
            for (StructField field : schema.fields()) {
                fields.add(new Field(qualifier, field.name(), newId("c")));
            }
            return new Scan(canonicalTableName(table.name()), fields);
        }
        if (relation instanceof Relation.Subquery subquery) {
            PlanNode inner = planSelect(subquery.query());
            List<Field> fields = new ArrayList<>();
            for (Field field : inner.output()) {
                fields.add(subquery.alias() != null ? field.withQualifier(subquery.alias()) : field);
            }
            List<Expr> expressions = new ArrayList<>();
            for (Field field : inner.output()) {
                expressions.add(new Expr.BoundColumn(field.id(), field.name(), subquery.position()));
            }
            // Re-qualify without copying data: a projection of the same ids under the alias.
            return new Project(inner, expressions, fields.stream()
                    .map(f -> new Field(f.qualifier(), f.name(), newId("c"))).toList());
        }
        Relation.LastJoin join = (Relation.LastJoin) relation;
        PlanNode left = planRelation(join.left());
        PlanNode right = planRelation(join.right());
        List<Field> scope = new ArrayList<>(left.output());
        scope.addAll(right.output());
        Set<String> leftIds = ids(left.output());
        Set<String> rightIds = ids(right.output());
        Expr condition = bind(join.condition(), scope, false);
        requireNoWindowCall(condition, "LAST JOIN ON");
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        Expr residual = null;
        for (Expr conjunct : conjuncts(condition)) {
            if (conjunct instanceof Expr.Binary binary && binary.op().equals("=")) {
                Set<String> a = referencedIds(binary.left());
                Set<String> b = referencedIds(binary.right());
                if (!a.isEmpty() && !b.isEmpty() && leftIds.containsAll(a) && rightIds.containsAll(b)) {
                    leftKeys.add(binary.left());
                    rightKeys.add(binary.right());
                    continue;
                }
                if (!a.isEmpty() && !b.isEmpty() && rightIds.containsAll(a) && leftIds.containsAll(b)) {
                    leftKeys.add(binary.right());
                    rightKeys.add(binary.left());
                    continue;
                }
            }
            residual = residual == null ? conjunct : new Expr.Binary("AND", residual, conjunct, conjunct.position());
        }
        String orderBy = null;
        if (join.orderBy() != null) {
            Expr order = bind(join.orderBy(), right.output(), false);
            orderBy = ((Expr.BoundColumn) order).internalName();
        }
        return new LastJoin(left, right, leftKeys, rightKeys, residual, orderBy, join.position());
    }

    /** Collects window calls of one select list, grouping their windows. */
    private final class WindowCollector {
        private final Map<String, Select.NamedWindow> named;
        private final List<Field> inputFields;
        private final Map<String, GroupBuilder> groups = new LinkedHashMap<>();
        /** The table the SELECT reads, or null for a subquery or join: its indexes order windows without ORDER BY. */
        private final Relation.Table fromTable;

        WindowCollector(Map<String, Select.NamedWindow> named, List<Field> inputFields, Relation.Table fromTable) {
            this.named = named;
            this.inputFields = inputFields;
            this.fromTable = fromTable;
        }

        Expr lift(Expr expr) {
            return rewrite(expr, e -> {
                if (e instanceof Expr.Call call && call.over() != null) {
                    if (!isWindowFunction(call.name()) && containsWindowFunction(call)) {
                        // `isnull(at(x, 0)) OVER w`: OVER on a scalar function applies to the window
                        // functions inside it.
                        List<Expr> args = call.args().stream().map(a -> attachOver(a, call.over())).toList();
                        return lift(new Expr.Call(call.name(), args, null, call.position()));
                    }
                    return liftCall(call);
                }
                return null;
            });
        }

        private Expr attachOver(Expr expr, Over over) {
            return rewrite(expr, e -> e instanceof Expr.Call call && call.over() == null && isWindowFunction(call.name())
                    ? new Expr.Call(call.name(), call.args(), over, call.position()) : null);
        }

        private Expr liftCall(Expr.Call call) {
            String windowName;
            WindowSpec spec;
            if (call.over().windowName() != null) {
                Select.NamedWindow window = named.get(call.over().windowName().toLowerCase(Locale.ROOT));
                if (window == null) {
                    throw error(call.over().position(), "unknown window " + call.over().windowName(),
                            call.over().windowName());
                }
                windowName = window.name();
                spec = window.spec();
            } else {
                spec = call.over().spec();
                windowName = "window@" + spec.position().line() + ":" + spec.position().column();
            }
            boolean navigation = NAVIGATION_FUNCTIONS.contains(call.name());
            if (!navigation && functions.lookup(call.name()).isEmpty()) {
                throw error(call.position(), "unknown window function " + call.name(), call.name());
            }
            List<String> partitionKeys = new ArrayList<>();
            for (Expr.ColumnRef key : spec.partitionBy()) {
                partitionKeys.add(((Expr.BoundColumn) bind(key, inputFields, false)).internalName());
            }
            Expr.ColumnRef orderRef = spec.orderBy() != null ? spec.orderBy() : indexOrder(spec, windowName);
            Expr.BoundColumn order = (Expr.BoundColumn) bind(orderRef, inputFields, false);
            String groupKey = partitionKeys + "|" + order.internalName() + "|" + canonicalText(spec.unions());
            GroupBuilder group = groups.get(groupKey);
            if (group == null) {
                List<PlanNode> unions = new ArrayList<>();
                for (Relation source : spec.unions()) {
                    PlanNode union = planRelation(source);
                    if (union.output().size() != inputFields.size()) {
                        throw error(source.position(), "the UNION source of window " + windowName + " has "
                                + union.output().size() + " columns, the main table " + inputFields.size()
                                + " (they need the same schema)", windowName);
                    }
                    unions.add(union);
                }
                group = new GroupBuilder(unions, partitionKeys, order.internalName(), orderRef.display());
                groups.put(groupKey, group);
            }
            int frameIndex = group.frameIndex(windowName, spec);
            List<Expr> args = new ArrayList<>();
            for (Expr arg : call.args()) {
                args.add(arg instanceof Expr.Star ? new Expr.Literal(1, arg.position()) : liftNested(arg, call));
            }
            boolean perFrame = args.stream().anyMatch(Planner::readsCurrentRow);
            String id = newId("w");
            group.calls.add(new WindowCall(id, call.name(), args, frameIndex, perFrame, call.position()));
            return new Expr.BoundColumn(id, call.name(), call.position());
        }

        /** OpenMLDB orders a window without ORDER BY by the TS column of its table's index on the partition keys. */
        private Expr.ColumnRef indexOrder(WindowSpec spec, String windowName) {
            List<String> keys = spec.partitionBy().stream().map(Expr.ColumnRef::name).toList();
            if (fromTable == null) {
                throw error(spec.position(), "window " + windowName + " has no ORDER BY; OpenMLDB then orders by "
                        + "the TS column of the table's index, which needs the SELECT to read a table (add ORDER BY)",
                        windowName);
            }
            String ts = TableIndex.orderColumn(findTable(fromTable.name(), fromTable.position()), keys)
                    .orElseThrow(() -> error(spec.position(), "window " + windowName + " has no ORDER BY and table "
                            + fromTable.name() + " declares no INDEX(KEY=" + String.join(",", keys)
                            + ", TS=...) to order it by (add ORDER BY)", windowName));
            return new Expr.ColumnRef(null, ts, spec.position());
        }

        /**
         * An aggregate nested in an argument of a window call ({@code count_where(x, x = first_value(x)) OVER w},
         * or with {@code OVER w} written inside too) is OpenMLDB's frame-level value: computed over the same
         * frame for the current row, then read by every frame row the outer call aggregates. It becomes a
         * call of its own, read in the argument as a current-row value ({@code at(result, 0)}), which makes
         * the outer call re-aggregate its frame per row.
         */
        private Expr liftNested(Expr arg, Expr.Call outer) {
            return rewrite(arg, e -> {
                if (!(e instanceof Expr.Call inner) || (inner.over() == null && !isAggregate(inner.name()))) {
                    return null;
                }
                if (inner.over() != null && (!isAggregate(inner.name()) || !sameWindow(inner.over(), outer.over()))) {
                    throw error(inner.position(), "window function " + inner.name() + " in the arguments of "
                            + outer.name() + " must be an aggregate over the same window", inner.name());
                }
                Expr result = liftCall(new Expr.Call(inner.name(), inner.args(), outer.over(), inner.position()));
                return new Expr.Call("at", List.of(result, new Expr.Literal(0, inner.position())), null,
                        inner.position());
            });
        }
    }

    private boolean containsPlainAggregate(Expr expr) {
        return find(expr, this::isPlainAggregate).isPresent();
    }

    /** Whether {@code e} calls an aggregate function without OVER. */
    private boolean isPlainAggregate(Expr e) {
        return e instanceof Expr.Call call && call.over() == null && isAggregate(call.name());
    }

    /** Aggregate calls without OVER moved into {@code calls}, read back as their result columns. */
    private Expr liftPlainAggregates(Expr expr, List<TableAggregate.Call> calls) {
        return rewrite(expr, e -> {
            if (!isPlainAggregate(e)) {
                return null;
            }
            Expr.Call call = (Expr.Call) e;
            List<Expr> args = new ArrayList<>();
            for (Expr arg : call.args()) {
                if (containsPlainAggregate(arg)) {
                    throw error(arg.position(), "an aggregate function inside the arguments of " + call.name()
                            + " needs a window (OVER)", call.name());
                }
                args.add(arg instanceof Expr.Star ? new Expr.Literal(1, arg.position()) : arg);
            }
            String id = newId("a");
            calls.add(new TableAggregate.Call(id, call.name(), args, call.position()));
            return new Expr.BoundColumn(id, call.name(), call.position());
        });
    }

    private boolean isAggregate(String name) {
        return !NAVIGATION_FUNCTIONS.contains(name) && functions.lookup(name).isPresent();
    }

    private static boolean sameWindow(Over a, Over b) {
        if (a.windowName() != null || b.windowName() != null) {
            return a.windowName() != null && b.windowName() != null && a.windowName().equalsIgnoreCase(b.windowName());
        }
        return canonicalText(a.spec()).equals(canonicalText(b.spec()));
    }

    private static final class GroupBuilder {
        final List<PlanNode> unions;
        final List<String> partitionKeys;
        final String orderKey;
        final String orderDisplay;
        final List<Frame> frames = new ArrayList<>();
        final Map<String, Integer> frameIndexes = new HashMap<>();
        final List<WindowCall> calls = new ArrayList<>();

        GroupBuilder(List<PlanNode> unions, List<String> partitionKeys, String orderKey, String orderDisplay) {
            this.unions = unions;
            this.partitionKeys = partitionKeys;
            this.orderKey = orderKey;
            this.orderDisplay = orderDisplay;
        }

        int frameIndex(String windowName, WindowSpec spec) {
            return frameIndexes.computeIfAbsent(windowName, name -> {
                frames.add(Frame.of(name, spec));
                return frames.size() - 1;
            });
        }
    }

    private boolean containsWindowFunction(Expr.Call call) {
        return call.args().stream().anyMatch(arg -> find(arg,
                e -> e instanceof Expr.Call inner && isWindowFunction(inner.name())).isPresent());
    }

    private boolean isWindowFunction(String name) {
        return NAVIGATION_FUNCTIONS.contains(name) || functions.lookup(name).isPresent();
    }

    // ---- name binding

    private Expr bind(Expr expr, List<Field> scope, boolean allowWindows) {
        return rewrite(expr, e -> {
            if (e instanceof Expr.ColumnRef ref) {
                Field field = resolve(ref, scope);
                return new Expr.BoundColumn(field.id(), ref.display(), ref.position());
            }
            if (e instanceof Expr.Star star && star.qualifier() != null) {
                throw error(star.position(), "unexpected " + star.qualifier() + ".*", star.qualifier());
            }
            if (e instanceof Expr.Call call && call.over() != null && !allowWindows) {
                throw error(call.position(), "window function " + call.name() + " is not allowed here", call.name());
            }
            return null;
        });
    }

    private Field resolve(Expr.ColumnRef ref, List<Field> scope) {
        List<Field> matches = new ArrayList<>();
        for (boolean exact : new boolean[] {true, false}) {
            for (Field field : scope) {
                boolean nameMatches = exact ? field.name().equals(ref.name()) : field.name().equalsIgnoreCase(ref.name());
                boolean qualifierMatches = ref.qualifier() == null || (field.qualifier() != null
                        && (exact ? field.qualifier().equals(ref.qualifier())
                        : field.qualifier().equalsIgnoreCase(ref.qualifier())));
                if (nameMatches && qualifierMatches) {
                    matches.add(field);
                }
            }
            if (!matches.isEmpty()) {
                break;
            }
        }
        if (matches.isEmpty()) {
            throw error(ref.position(), "unknown column " + ref.display(), ref.display());
        }
        if (matches.stream().map(Field::id).distinct().count() > 1) {
            throw error(ref.position(), "ambiguous column " + ref.display() + " (qualify it with its table)",
                    ref.display());
        }
        return matches.get(0);
    }

    private StructType findTable(String name, Position position) {
        StructType schema = tables.get(name);
        if (schema != null) {
            return schema;
        }
        for (Map.Entry<String, StructType> entry : tables.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        throw error(position, "unknown table " + name, name);
    }

    private String canonicalTableName(String name) {
        if (tables.containsKey(name)) {
            return name;
        }
        return tables.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    // ---- helpers

    private String newId(String prefix) {
        return prefix + "_" + (nextId++);
    }

    private static String defaultName(Expr expr, int index) {
        if (expr instanceof Expr.ColumnRef ref) {
            return ref.name();
        }
        if (expr instanceof Expr.Call call && call.args().stream().allMatch(a -> a instanceof Expr.ColumnRef)) {
            // OpenMLDB names an unaliased call by its text, e.g. `sum(c4)over w1`.
            String args = String.join(",", call.args().stream().map(a -> ((Expr.ColumnRef) a).name()).toList());
            String over = call.over() == null ? "" : call.over().windowName() != null ? "over " + call.over().windowName() : "";
            return call.name() + "(" + args + ")" + over;
        }
        if (expr instanceof Expr.Call call) {
            return call.name() + "_" + index;
        }
        return "expr_" + index;
    }

    private static Set<String> ids(List<Field> fields) {
        Set<String> ids = new HashSet<>();
        fields.forEach(f -> ids.add(f.id()));
        return ids;
    }

    private static List<Expr> conjuncts(Expr expr) {
        List<Expr> out = new ArrayList<>();
        if (expr instanceof Expr.Binary binary && binary.op().equals("AND")) {
            out.addAll(conjuncts(binary.left()));
            out.addAll(conjuncts(binary.right()));
        } else {
            out.add(expr);
        }
        return out;
    }

    /**
     * The text of a syntax tree without its source positions: equal for trees that differ only in
     * where they were written, so the same expression written twice is computed once.
     */
    public static String canonicalText(Object tree) {
        return POSITION_TEXT.matcher(String.valueOf(tree)).replaceAll("");
    }

    /** The internal column ids an expression reads. */
    public static Set<String> referencedIds(Expr expr) {
        Set<String> ids = new HashSet<>();
        rewrite(expr, e -> {
            if (e instanceof Expr.BoundColumn column) {
                ids.add(column.internalName());
            }
            return null;
        });
        return ids;
    }

    /** Whether an aggregate argument reads the current row ({@code at(col, 0)} without OVER). */
    static boolean readsCurrentRow(Expr expr) {
        return find(expr, e -> e instanceof Expr.Call call && call.over() == null
                && NAVIGATION_FUNCTIONS.contains(call.name())).isPresent();
    }

    /** The first node of {@code expr}, top-down, that {@code test} accepts. */
    static Optional<Expr> find(Expr expr, Predicate<Expr> test) {
        Expr[] found = {null};
        rewrite(expr, e -> {
            if (found[0] == null && test.test(e)) {
                found[0] = e;
            }
            return found[0] != null ? e : null;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * OpenMLDB computes each window's functions in a project node of their own, so one select
     * expression cannot combine functions over two windows ({@code sum(a) OVER w1 + sum(b) OVER w2});
     * it rejects such a query, and so does Windrow.
     */
    private static void requireOneWindow(Expr expr) {
        Set<String> windows = new TreeSet<>();
        Expr.Call[] second = {null};
        rewrite(expr, e -> {
            if (e instanceof Expr.Call call && call.over() != null) {
                windows.add(call.over().windowName() != null ? call.over().windowName().toLowerCase(Locale.ROOT)
                        : "OVER (...) at " + call.over().position().line() + ":" + call.over().position().column());
                if (windows.size() > 1 && second[0] == null) {
                    second[0] = call;
                }
            }
            return null;
        });
        if (second[0] != null) {
            throw error(second[0].position(), "one expression combines window functions over different windows "
                    + windows + "; compute each in its own column and combine them in an outer SELECT",
                    second[0].name());
        }
    }

    private static void requireNoWindowCall(Expr expr, String where) {
        rewrite(expr, e -> {
            if (e instanceof Expr.Call call && call.over() != null) {
                throw error(call.position(), "window function " + call.name() + " is not allowed in " + where,
                        call.name());
            }
            return null;
        });
    }

    /**
     * Rebuilds an expression top-down: {@code replace} returns a replacement for a node
     * (not descended into) or null to keep the node and rewrite its children.
     */
    public static Expr rewrite(Expr expr, Function<Expr, Expr> replace) {
        if (expr == null) {
            return null;
        }
        Expr replaced = replace.apply(expr);
        if (replaced != null) {
            return replaced;
        }
        if (expr instanceof Expr.Call call) {
            return new Expr.Call(call.name(), call.args().stream().map(a -> rewrite(a, replace)).toList(), call.over(),
                    call.position());
        } else if (expr instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), rewrite(b.left(), replace), rewrite(b.right(), replace), b.position());
        } else if (expr instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), rewrite(u.operand(), replace), u.position());
        } else if (expr instanceof Expr.Case c) {
            return new Expr.Case(rewrite(c.operand(), replace), c.whens().stream()
                    .map(w -> new Expr.When(rewrite(w.condition(), replace), rewrite(w.result(), replace))).toList(),
                    rewrite(c.otherwise(), replace), c.position());
        } else if (expr instanceof Expr.In in) {
            return new Expr.In(rewrite(in.value(), replace), in.list().stream().map(a -> rewrite(a, replace)).toList(),
                    in.negated(), in.position());
        } else if (expr instanceof Expr.Between b) {
            return new Expr.Between(rewrite(b.value(), replace), rewrite(b.low(), replace), rewrite(b.high(), replace),
                    b.negated(), b.position());
        } else if (expr instanceof Expr.Like l) {
            return new Expr.Like(rewrite(l.value(), replace), rewrite(l.pattern(), replace), l.negated(),
                    l.caseInsensitive(), l.position());
        } else if (expr instanceof Expr.IsNull n) {
            return new Expr.IsNull(rewrite(n.value(), replace), n.negated(), n.position());
        } else if (expr instanceof Expr.Cast c) {
            return new Expr.Cast(rewrite(c.value(), replace), c.typeName(), c.position());
        }
        return expr;
    }

    static IllegalArgumentException error(Position position, String message, String near) {
        return new IllegalArgumentException(position + ": " + message + " near '" + near + "'");
    }
}

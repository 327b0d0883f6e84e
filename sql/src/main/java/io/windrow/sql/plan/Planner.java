package io.windrow.sql.plan;

import io.windrow.sql.SqlException;
import io.windrow.sql.analyzer.ComparisonOp;
import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.analyzer.ExpressionAnalyzer;
import io.windrow.sql.analyzer.Expressions;
import io.windrow.sql.analyzer.SourceText;
import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Over;
import io.windrow.sql.ast.Position;
import io.windrow.sql.ast.Relation;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.ddl.TableIndex;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.scalar.ScalarCatalog;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.types.DataType;
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

import static java.util.Objects.requireNonNull;

/**
 * Turns a parsed SELECT into a typed, validated plan. It resolves table and column names, lifts
 * window aggregate calls out of the select list and groups the windows that share partition keys,
 * order column and UNION sources into one {@link WindowGroup} (one pass over the data each); it
 * types every expression with OpenMLDB's rules ({@link ExpressionAnalyzer}), decides how each window
 * call is computed ({@link WindowCall.Kind}) and how each LAST JOIN runs ({@link LastJoin.Strategy}).
 * Every user error is a {@link SqlException} raised here with the line:column and the text; the
 * executor only translates the plan.
 */
public final class Planner {
    /** Window functions the window operator implements itself (positional access to the frame). */
    private static final List<String> NAVIGATION_FUNCTIONS = ExpressionAnalyzer.NAVIGATION_FUNCTIONS;

    private final Map<String, StructType> tables;
    private final FunctionCatalog functions;
    private final ScalarCatalog scalars;
    private final Predicate<String> smallTable;
    private int nextId;

    public Planner(Map<String, StructType> tables, FunctionCatalog functions) {
        this(tables, functions, ScalarCatalog.standard(), table -> false);
    }

    /**
     * @param scalars where plain function calls are resolved
     * @param smallTable whether a table is small enough to broadcast (the LAST JOIN strategy)
     */
    public Planner(Map<String, StructType> tables, FunctionCatalog functions, ScalarCatalog scalars,
            Predicate<String> smallTable) {
        this.tables = Map.copyOf(requireNonNull(tables, "tables"));
        this.functions = requireNonNull(functions, "functions");
        this.scalars = requireNonNull(scalars, "scalars");
        this.smallTable = requireNonNull(smallTable, "smallTable");
    }

    public PlanNode plan(Select select) {
        return planSelect(select);
    }

    private PlanNode planSelect(Select select) {
        PlanNode node = select.from() == null ? new Scan(Scan.ONE_ROW, List.of()) : planRelation(select.from());
        List<Field> inputFields = node.output();
        Map<String, SqlType> types = new HashMap<>();
        inputFields.forEach(field -> types.put(field.id(), field.type()));
        if (select.where() != null) {
            Expr condition = bind(select.where(), inputFields, false);
            requireNoWindowCall(condition, "WHERE");
            node = new Filter(node, condition(condition, types, "WHERE"));
        }
        Map<String, Select.NamedWindow> named = new HashMap<>();
        for (Select.NamedWindow window : select.windows()) {
            if (named.put(window.name().toLowerCase(Locale.ROOT), window) != null) {
                throw error(window.position(), "window " + window.name() + " is defined twice", window.name());
            }
        }
        Relation.Table fromTable = select.from() instanceof Relation.Table table ? table : null;
        WindowCollector collector = new WindowCollector(named, inputFields, fromTable, types);
        List<Expr> expressions = new ArrayList<>();
        List<String> qualifiers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        for (Select.SelectItem item : select.items()) {
            if (item.expr() instanceof Expr.Star star) {
                boolean any = false;
                for (Field field : inputFields) {
                    if (star.qualifier() == null || qualifies(star.qualifier(), field.qualifier(), false)) {
                        expressions.add(new Expr.BoundColumn(field.id(), field.name(), star.position()));
                        // Keeps its table's name: OpenMLDB resolves t.c through an unaliased (SELECT * FROM t).
                        qualifiers.add(field.qualifier());
                        names.add(field.name());
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
            expressions.add(collector.lift(bind(item.expr(), inputFields, true)));
            String name = item.alias() != null ? item.alias() : defaultName(item.expr(), usedNames.size());
            usedNames.add(name);
            qualifiers.add(null);
            names.add(name);
        }
        for (GroupBuilder group : collector.groups.values()) {
            node = new WindowGroup(node, inputFields, group.unions, group.partitionKeys, group.orderKey,
                    group.frames, group.calls);
        }
        List<Expression> typed = new ArrayList<>();
        if (!select.groupBy().isEmpty()) {
            if (!collector.groups.isEmpty()) {
                throw error(select.groupBy().get(0).position(), "GROUP BY in a SELECT with windows is not supported",
                        SourceText.of(select.groupBy().get(0)));
            }
            node = planGroupBy(select, node, inputFields, expressions, typed, types);
        } else {
            node = planPlainAggregates(node, expressions, names, types, !collector.groups.isEmpty());
            ExpressionAnalyzer analyzer = analyzer(types, false);
            expressions.forEach(expression -> typed.add(analyzer.analyze(expression)));
        }
        List<Field> output = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            output.add(new Field(qualifiers.get(i), names.get(i), newId("c"), typed.get(i).type()));
        }
        node = new Project(node, typed, output);
        if (select.limit() != null) {
            node = new Limit(node, select.limit());
        }
        return node;
    }

    private ExpressionAnalyzer analyzer(Map<String, SqlType> types, boolean currentRowReads) {
        return new ExpressionAnalyzer(types::get, scalars, this::isWindowFunction, currentRowReads);
    }

    /** A WHERE or ON condition: BOOL (or NULL, which keeps no row). */
    private Expression condition(Expr condition, Map<String, SqlType> types, String where) {
        Expression typed = analyzer(types, false).analyze(condition);
        if (typed.type() != SqlType.BOOL && typed.type() != SqlType.NULL) {
            throw error(condition.position(), "the " + where + " condition is " + typed.type().sqlName()
                    + "; it must be a bool expression", SourceText.of(condition));
        }
        return ExpressionAnalyzer.convert(typed, SqlType.BOOL);
    }

    /**
     * {@code GROUP BY keys [HAVING condition]}: the aggregate calls of the select list and HAVING
     * become calls of a {@link GroupAggregate}; every other column they read must be a grouping key
     * (or inside one: {@code GROUP BY a + b} allows {@code (a + b) * 2}). Fills {@code typed} with the
     * select list over the group's row and returns the node (HAVING as a filter on it).
     */
    private PlanNode planGroupBy(Select select, PlanNode node, List<Field> inputFields, List<Expr> expressions,
            List<Expression> typed, Map<String, SqlType> types) {
        ExpressionAnalyzer inputAnalyzer = analyzer(types, false);
        List<Expression> keys = new ArrayList<>();
        List<Field> keyFields = new ArrayList<>();
        for (Expr key : select.groupBy()) {
            Expr bound = bind(key, inputFields, false);
            if (find(bound, this::isPlainAggregate).isPresent()) {
                throw error(key.position(), "GROUP BY cannot group by an aggregate", SourceText.of(key));
            }
            Expression typedKey = inputAnalyzer.analyze(bound);
            keys.add(typedKey);
            String name = key instanceof Expr.ColumnRef ref ? ref.name() : SourceText.of(key);
            keyFields.add(new Field(null, name, newId("g"), typedKey.type()));
        }
        List<TableAggregate.Call> calls = new ArrayList<>();
        List<Expr> lifted = new ArrayList<>();
        for (Expr expression : expressions) {
            lifted.add(liftPlainAggregates(expression, calls, types));
        }
        Expr having = select.having() == null ? null
                : liftPlainAggregates(bind(select.having(), inputFields, false), calls, types);
        Set<String> inputIds = ids(inputFields);
        Function<Expr, Expression> overGroups = expr -> {
            Expression over = Expressions.rewrite(inputAnalyzer.analyze(expr), e -> {
                int k = keys.indexOf(e);
                return k < 0 ? null : new Expression.ColumnRef(keyFields.get(k).id(), keyFields.get(k).name(),
                        keyFields.get(k).type());
            });
            for (Expression.ColumnRef column : Expressions.columns(over)) {
                if (inputIds.contains(column.id())) {
                    throw error(expr.position(), "column " + column.sql() + " is neither grouped nor aggregated; "
                            + "add it to GROUP BY or use it inside an aggregate", SourceText.of(expr));
                }
            }
            return over;
        };
        lifted.forEach(expr -> typed.add(overGroups.apply(expr)));
        PlanNode grouped = new GroupAggregate(node, keys, keyFields, calls);
        if (having != null) {
            Expression condition = overGroups.apply(having);
            if (condition.type() != SqlType.BOOL && condition.type() != SqlType.NULL) {
                throw error(select.having().position(), "the HAVING condition is " + condition.type().sqlName()
                        + "; it must be a bool expression", SourceText.of(select.having()));
            }
            grouped = new Filter(grouped, ExpressionAnalyzer.convert(condition, SqlType.BOOL));
        }
        return grouped;
    }

    /**
     * Aggregates without OVER: with windows in the same SELECT they are an error; without, they fold
     * the whole table into one row ({@link TableAggregate}), and {@code expressions} are rewritten to
     * read their results (whose types go into {@code types}). Returns {@code node}, or the aggregate over it.
     */
    private PlanNode planPlainAggregates(PlanNode node, List<Expr> expressions, List<String> names,
            Map<String, SqlType> types, boolean hasWindows) {
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
        expressions.replaceAll(expr -> liftPlainAggregates(expr, calls, types));
        Set<String> results = new HashSet<>(calls.stream().map(TableAggregate.Call::id).toList());
        for (int i = 0; i < expressions.size(); i++) {
            for (String id : referencedIds(expressions.get(i))) {
                if (!results.contains(id)) {
                    throw error(expressions.get(i).position(), "a column outside an aggregate function in a SELECT "
                            + "that aggregates the whole table (no window, no GROUP BY)", names.get(i));
                }
            }
        }
        return new TableAggregate(node, calls);
    }

    private PlanNode planRelation(Relation relation) {
        if (relation instanceof Relation.Table table) {
            String tableName = tableKey(table.name());
            StructType schema = findTable(tableName, table.position());
            // qualified as written: t.c names a plain t, db.t.c a db.t (see qualifies)
            String qualifier = table.alias() != null ? table.alias() : table.name();
            List<Field> fields = new ArrayList<>();
            for (StructField field : schema.fields()) {
                SqlType type = SqlType.of(field.dataType()).orElseThrow(() -> error(table.position(), "column "
                        + field.name() + " of table " + table.name() + " has the Spark type "
                        + field.dataType().simpleString() + ", which the dialect has no type for", table.name()));
                fields.add(new Field(qualifier, field.name(), newId("c"), type));
            }
            return new Scan(canonicalTableName(tableName), fields);
        }
        if (relation instanceof Relation.Subquery subquery) {
            PlanNode inner = planSelect(subquery.query());
            List<Expression> expressions = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            for (Field field : inner.output()) {
                expressions.add(new Expression.ColumnRef(field.id(), field.name(), field.type()));
                String qualifier = subquery.alias() != null ? subquery.alias() : field.qualifier();
                fields.add(new Field(qualifier, field.name(), newId("c"), field.type()));
            }
            // Re-qualify without copying data: a projection of the same ids under the alias.
            return new Project(inner, expressions, fields);
        }
        if (relation instanceof Relation.LeftJoin leftJoin) {
            PlanNode left = planRelation(leftJoin.left());
            PlanNode right = planRelation(leftJoin.right());
            List<Field> scope = new ArrayList<>(left.output());
            scope.addAll(right.output());
            Map<String, SqlType> types = new HashMap<>();
            scope.forEach(field -> types.put(field.id(), field.type()));
            Expr condition = bind(leftJoin.condition(), scope, false);
            requireNoWindowCall(condition, "LEFT JOIN ON");
            return new LeftJoin(left, right, condition(condition, types, "LEFT JOIN ON"));
        }
        Relation.LastJoin join = (Relation.LastJoin) relation;
        PlanNode left = planRelation(join.left());
        PlanNode right = planRelation(join.right());
        List<Field> scope = new ArrayList<>(left.output());
        scope.addAll(right.output());
        Map<String, SqlType> types = new HashMap<>();
        scope.forEach(field -> types.put(field.id(), field.type()));
        Set<String> leftIds = ids(left.output());
        Set<String> rightIds = ids(right.output());
        Expr condition = bind(join.condition(), scope, false);
        requireNoWindowCall(condition, "LAST JOIN ON");
        ExpressionAnalyzer analyzer = analyzer(types, false);
        List<Expression> leftKeys = new ArrayList<>();
        List<Expression> rightKeys = new ArrayList<>();
        Expr residual = null;
        for (Expr conjunct : conjuncts(condition)) {
            if (conjunct instanceof Expr.Binary binary && binary.op().equals("=")) {
                Set<String> a = referencedIds(binary.left());
                Set<String> b = referencedIds(binary.right());
                boolean leftFirst = !a.isEmpty() && !b.isEmpty() && leftIds.containsAll(a) && rightIds.containsAll(b);
                boolean rightFirst = !a.isEmpty() && !b.isEmpty() && rightIds.containsAll(a) && leftIds.containsAll(b);
                if (leftFirst || rightFirst) {
                    // Typed as the comparison it is: both keys converted to their common type.
                    Expression.Comparison equal = (Expression.Comparison) analyzer.analyze(binary);
                    leftKeys.add(leftFirst ? equal.left() : equal.right());
                    rightKeys.add(leftFirst ? equal.right() : equal.left());
                    continue;
                }
            }
            residual = residual == null ? conjunct : new Expr.Binary("AND", residual, conjunct, conjunct.position());
        }
        Expression typedResidual = residual == null ? null : condition(residual, types, "LAST JOIN ON");
        String orderBy = null;
        if (join.orderBy() != null) {
            Field order = resolve(join.orderBy(), right.output());
            if (!order.type().isIntegral() && order.type() != SqlType.TIMESTAMP) {
                throw error(join.orderBy().position(), "LAST JOIN ORDER BY needs an integer or timestamp column, not "
                        + order.type().sqlName(), join.orderBy().display());
            }
            orderBy = order.id();
        }
        LastJoin.AsOf asOf = asOf(typedResidual, leftIds, rightIds);
        LastJoin.Strategy strategy;
        if (typedResidual != null && asOf == null) {
            strategy = LastJoin.Strategy.MATCH_AND_RANK;
        } else if (typedResidual == null && !leftKeys.isEmpty() && scannedTables(right).stream().allMatch(smallTable)) {
            strategy = LastJoin.Strategy.BROADCAST;
        } else {
            strategy = LastJoin.Strategy.STREAMED;
        }
        return new LastJoin(left, right, leftKeys, rightKeys, typedResidual, asOf, orderBy, strategy);
    }

    /** The residual as an as-of time bound (a left time {@code >=} or {@code >} a right time), or null. */
    private static LastJoin.AsOf asOf(Expression residual, Set<String> leftIds, Set<String> rightIds) {
        if (!(residual instanceof Expression.Comparison comparison)) {
            return null;
        }
        SqlType type = comparison.left().type();
        if (type != SqlType.TIMESTAMP && !type.isIntegral()) {
            return null;
        }
        Set<String> a = Expressions.columnIds(comparison.left());
        Set<String> b = Expressions.columnIds(comparison.right());
        boolean leftFirst = !a.isEmpty() && !b.isEmpty() && leftIds.containsAll(a) && rightIds.containsAll(b);
        boolean rightFirst = !a.isEmpty() && !b.isEmpty() && rightIds.containsAll(a) && leftIds.containsAll(b);
        return switch (comparison.op()) {
            case GREATER_OR_EQUAL, GREATER -> leftFirst ? new LastJoin.AsOf(comparison.left(), comparison.right(),
                    comparison.op() == ComparisonOp.GREATER_OR_EQUAL) : null;
            case LESS_OR_EQUAL, LESS -> rightFirst ? new LastJoin.AsOf(comparison.right(), comparison.left(),
                    comparison.op() == ComparisonOp.LESS_OR_EQUAL) : null;
            default -> null;
        };
    }

    /** The tables a plan reads. */
    private static List<String> scannedTables(PlanNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof Scan scan) {
            out.add(scan.table());
        } else if (node instanceof Project project) {
            out.addAll(scannedTables(project.child()));
        } else if (node instanceof Filter filter) {
            out.addAll(scannedTables(filter.child()));
        } else if (node instanceof Limit limit) {
            out.addAll(scannedTables(limit.child()));
        } else if (node instanceof TableAggregate aggregate) {
            out.addAll(scannedTables(aggregate.child()));
        } else if (node instanceof GroupAggregate aggregate) {
            out.addAll(scannedTables(aggregate.child()));
        } else if (node instanceof LastJoin join) {
            out.addAll(scannedTables(join.left()));
            out.addAll(scannedTables(join.right()));
        } else if (node instanceof LeftJoin join) {
            out.addAll(scannedTables(join.left()));
            out.addAll(scannedTables(join.right()));
        } else if (node instanceof WindowGroup group) {
            out.addAll(scannedTables(group.child()));
            group.unions().forEach(union -> out.addAll(scannedTables(union)));
        }
        return out;
    }

    /** Collects window calls of one select list, grouping their windows. */
    private final class WindowCollector {
        private final Map<String, Select.NamedWindow> named;
        private final List<Field> inputFields;
        private final Map<GroupKey, GroupBuilder> groups = new LinkedHashMap<>();
        /** The table the SELECT reads, or null for a subquery or join: its indexes order windows without ORDER BY. */
        private final Relation.Table fromTable;
        /** The types of the input columns, and of the calls' results as they are created. */
        private final Map<String, SqlType> types;

        WindowCollector(Map<String, Select.NamedWindow> named, List<Field> inputFields, Relation.Table fromTable,
                Map<String, SqlType> types) {
            this.named = named;
            this.inputFields = inputFields;
            this.fromTable = fromTable;
            this.types = types;
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
            call = overSplit(call);
            boolean navigation = NAVIGATION_FUNCTIONS.contains(call.name());
            if (!navigation && functions.lookup(call.name()).isEmpty()) {
                throw error(call.position(), "unknown window function " + call.name(), call.name());
            }
            GroupBuilder group = group(spec, windowName);
            int frameIndex = group.frameIndex(windowName, spec);
            String id = newId("w");
            WindowCall windowCall = navigation ? navigationCall(id, call, frameIndex) : aggregateCall(id, call, frameIndex);
            group.calls.add(windowCall);
            types.put(id, windowCall.resultType());
            return new Expr.BoundColumn(id, id, call.position());
        }

        /**
         * {@code f(window_split(c, ",")[, constants]) OVER w} as the one window function
         * {@code f(window_split)} of the catalog (f over the pieces of the frame's rows), with the
         * split's arguments first; any other call as it is.
         */
        private Expr.Call overSplit(Expr.Call call) {
            if (call.args().isEmpty() || !(call.args().get(0) instanceof Expr.Call inner) || inner.over() != null) {
                return call;
            }
            String name = call.name() + "(" + inner.name() + ")";
            if (functions.lookup(name).isEmpty()) {
                return call;
            }
            List<Expr> args = new ArrayList<>(inner.args());
            args.addAll(call.args().subList(1, call.args().size()));
            return new Expr.Call(name, args, call.over(), call.position());
        }

        /** The group of the windows sharing this spec's partition keys, order column and UNION sources. */
        private GroupBuilder group(WindowSpec spec, String windowName) {
            List<String> partitionKeys = new ArrayList<>();
            for (Expr.ColumnRef key : spec.partitionBy()) {
                Field field = resolve(key, inputFields);
                if (field.type().isFloating()) {
                    // OpenMLDB keys windows by exact values only (test_performance_insensitive 14-18)
                    throw error(key.position(), "window " + windowName + " is partitioned by " + key.display()
                            + " of type " + field.type().sqlName() + "; a partition key must not be float or double",
                            key.display());
                }
                partitionKeys.add(field.id());
            }
            Expr.ColumnRef orderRef = spec.orderBy() != null ? spec.orderBy() : indexOrder(spec, windowName);
            Field order = resolve(orderRef, inputFields);
            if (order.type() != SqlType.TIMESTAMP && !order.type().isIntegral()) {
                // OpenMLDB orders windows by timestamps or integers only; it rejects a DATE order key.
                throw error(orderRef.position(), "window " + windowName + " is ordered by " + orderRef.display()
                        + " of type " + order.type().sqlName() + "; it must be a timestamp or an integer",
                        orderRef.display());
            }
            GroupKey key = new GroupKey(partitionKeys, order.id(), spec.unions().stream().map(SyntaxTrees::withoutPositions).toList());
            GroupBuilder group = groups.get(key);
            if (group == null) {
                List<PlanNode> unions = new ArrayList<>();
                for (Relation source : spec.unions()) {
                    PlanNode union = planRelation(source);
                    requireSameSchema(union, source, windowName);
                    unions.add(union);
                }
                group = new GroupBuilder(unions, partitionKeys, new Field(null, orderRef.display(), order.id(),
                        order.type()));
                groups.put(key, group);
            }
            return group;
        }

        /** OpenMLDB requires a UNION source to have the main table's columns: names and types, in order. */
        private void requireSameSchema(PlanNode union, Relation source, String windowName) {
            List<Field> fields = union.output();
            String near = source instanceof Relation.Table table ? table.name() : "UNION (subquery)";
            if (fields.size() != inputFields.size()) {
                throw error(source.position(), "the UNION source of window " + windowName + " has "
                        + fields.size() + " columns, the main table " + inputFields.size()
                        + " (they need the same schema)", near);
            }
            for (int i = 0; i < fields.size(); i++) {
                Field main = inputFields.get(i);
                Field other = fields.get(i);
                if (!other.name().equals(main.name()) || other.type() != main.type()) {
                    throw error(source.position(), "column " + (i + 1) + " of the UNION source of window "
                            + windowName + " is " + other.name() + " " + other.type().sqlName()
                            + ", the main table's is " + main.name() + " " + main.type().sqlName()
                            + " (OpenMLDB requires the same schema)", near);
                }
            }
        }

        /** {@code at(value[, offset])} / {@code lag(value[, offset])}: the value {@code offset} rows back. */
        private WindowCall navigationCall(String id, Expr.Call call, int frameIndex) {
            if (call.args().isEmpty() || call.args().size() > 2) {
                throw error(call.position(), call.name() + " takes (column[, offset])", SourceText.of(call));
            }
            int offset = call.name().equals("lag") ? 1 : 0;
            if (call.args().size() == 2) {
                if (!(call.args().get(1) instanceof Expr.Literal literal) || !(literal.value() instanceof Integer n)
                        || n < 0) {
                    throw error(call.args().get(1).position(), "the offset of " + call.name()
                            + " must be a non-negative integer literal", SourceText.of(call.args().get(1)));
                }
                offset = n;
            }
            Expression value = analyzer(types, false).analyze(call.args().get(0));
            return new WindowCall(id, call.name(), WindowCall.Kind.NAVIGATION, List.of(value), List.of(),
                    value.type(), frameIndex, offset);
        }

        private WindowCall aggregateCall(String id, Expr.Call call, int frameIndex) {
            List<Expr> args = new ArrayList<>();
            for (Expr arg : call.args()) {
                args.add(arg instanceof Expr.Star ? new Expr.Literal(1, arg.position()) : liftNested(arg, call));
            }
            AggregateSignature signature = aggregateSignature(call, args, analyzer(types, true));
            boolean perFrame = signature.values().stream().anyMatch(Expressions::readsCurrentRow);
            return new WindowCall(id, call.name(), perFrame ? WindowCall.Kind.PER_FRAME : WindowCall.Kind.INCREMENTAL,
                    signature.values(), signature.constants(), signature.resultType(), frameIndex, 0);
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

    /** What identifies a window group: partition keys, order column and UNION sources (positions left out). */
    private record GroupKey(List<String> partitionKeys, String orderKey, List<Relation> unions) {}

    /** A typed aggregate call: per-row value arguments, literal constants after them, the result type. */
    private record AggregateSignature(List<Expression> values, List<Object> constants, SqlType resultType) {}

    /**
     * Types the arguments of aggregate {@code call} (window or whole-table): the first
     * {@link WindowFunction#valueArity} are per-row values, the rest must be literals; the function
     * decides the result type, or rejects the argument types.
     */
    private AggregateSignature aggregateSignature(Expr.Call call, List<Expr> args, ExpressionAnalyzer analyzer) {
        WindowFunction function = functions.lookup(call.name()).orElseThrow(() -> error(call.position(),
                "unknown aggregate function " + call.name(), call.name()));
        int arity = function.valueArity(args.size());
        List<Expression> values = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr arg = args.get(i);
            if (i < arity) {
                Expression value = analyzer.analyze(arg);
                values.add(value);
                types.add(value.type().sparkType());
            } else if (arg instanceof Expr.Literal literal) {
                constants.add(literal.value());
                types.add(ExpressionAnalyzer.typeOf(literal.value()).sparkType());
            } else {
                throw error(arg.position(), "argument " + (i + 1) + " of " + call.name() + " must be a constant",
                        SourceText.of(arg));
            }
        }
        DataType result;
        try {
            result = function.resultType(types);
        } catch (IllegalArgumentException e) {
            throw error(call.position(), call.name() + ": " + e.getMessage(), SourceText.of(call));
        }
        SqlType resultType = SqlType.of(result).orElseThrow(() -> new IllegalStateException(
                call.name() + " returns " + result + ", which the dialect has no type for"));
        return new AggregateSignature(values, constants, resultType);
    }

    private boolean containsPlainAggregate(Expr expr) {
        return find(expr, this::isPlainAggregate).isPresent();
    }

    /** Whether {@code e} calls an aggregate function without OVER. */
    private boolean isPlainAggregate(Expr e) {
        return e instanceof Expr.Call call && call.over() == null && isAggregate(call.name());
    }

    /** Aggregate calls without OVER moved into {@code calls}, read back as their result columns. */
    private Expr liftPlainAggregates(Expr expr, List<TableAggregate.Call> calls, Map<String, SqlType> types) {
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
            AggregateSignature signature = aggregateSignature(call, args, analyzer(types, false));
            calls.add(new TableAggregate.Call(id, call.name(), signature.values(), signature.constants(),
                    signature.resultType()));
            types.put(id, signature.resultType());
            return new Expr.BoundColumn(id, id, call.position());
        });
    }

    private boolean isAggregate(String name) {
        return !NAVIGATION_FUNCTIONS.contains(name) && functions.lookup(name).isPresent();
    }

    private static boolean sameWindow(Over a, Over b) {
        if (a.windowName() != null || b.windowName() != null) {
            return a.windowName() != null && b.windowName() != null && a.windowName().equalsIgnoreCase(b.windowName());
        }
        return SyntaxTrees.withoutPositions(a.spec()).equals(SyntaxTrees.withoutPositions(b.spec()));
    }

    private static final class GroupBuilder {
        final List<PlanNode> unions;
        final List<String> partitionKeys;
        final Field orderKey;
        final List<Frame> frames = new ArrayList<>();
        final Map<String, Integer> frameIndexes = new HashMap<>();
        final List<WindowCall> calls = new ArrayList<>();

        GroupBuilder(List<PlanNode> unions, List<String> partitionKeys, Field orderKey) {
            this.unions = unions;
            this.partitionKeys = partitionKeys;
            this.orderKey = orderKey;
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

    /**
     * Whether a column written {@code qualifier.name} may be {@code field}'s: the qualifier is the
     * field's table alias or name as the FROM clause wrote it ({@code t}, or {@code db.t}), or
     * {@code db.t} for a table written plainly as {@code t} (its database is the default one). A
     * table written {@code db.t} is not {@code t}: OpenMLDB's test_multiple_databases case 3.
     */
    private static boolean qualifies(String qualifier, String fieldQualifier, boolean exact) {
        if (fieldQualifier == null) {
            return false;
        }
        if (exact ? fieldQualifier.equals(qualifier) : fieldQualifier.equalsIgnoreCase(qualifier)) {
            return true;
        }
        int dot = qualifier.indexOf('.');
        String table = qualifier.substring(dot + 1);
        return dot >= 0 && fieldQualifier.indexOf('.') < 0
                && (exact ? fieldQualifier.equals(table) : fieldQualifier.equalsIgnoreCase(table));
    }

    private Field resolve(Expr.ColumnRef ref, List<Field> scope) {
        List<Field> matches = new ArrayList<>();
        for (boolean exact : new boolean[] {true, false}) {
            for (Field field : scope) {
                boolean nameMatches = exact ? field.name().equals(ref.name()) : field.name().equalsIgnoreCase(ref.name());
                boolean qualifierMatches = ref.qualifier() == null || qualifies(ref.qualifier(), field.qualifier(), exact);
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

    /**
     * The name {@code db.table} is known by: itself when the caller gives tables of several
     * databases under {@code db.name}, else the plain table name (the caller's one database).
     */
    private String tableKey(String name) {
        int dot = name.indexOf('.');
        if (dot < 0 || tables.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name))) {
            return name;
        }
        return name.substring(dot + 1);
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
        if (expr instanceof Expr.Literal literal && (literal.value() instanceof Integer
                || literal.value() instanceof Long)) {
            return literal.value().toString(); // OpenMLDB names `SELECT 1` "1" (test_select_sample 14)
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

    /** The internal column ids an expression reads. */
    private static Set<String> referencedIds(Expr expr) {
        Set<String> ids = new HashSet<>();
        rewrite(expr, e -> {
            if (e instanceof Expr.BoundColumn column) {
                ids.add(column.internalName());
            }
            return null;
        });
        return ids;
    }

    /** The first node of {@code expr}, top-down, that {@code test} accepts. */
    private static Optional<Expr> find(Expr expr, Predicate<Expr> test) {
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
    private static Expr rewrite(Expr expr, Function<Expr, Expr> replace) {
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
            return new Expr.Like(rewrite(l.value(), replace), rewrite(l.pattern(), replace), l.escape(), l.negated(),
                    l.caseInsensitive(), l.position());
        } else if (expr instanceof Expr.IsNull n) {
            return new Expr.IsNull(rewrite(n.value(), replace), n.negated(), n.position());
        } else if (expr instanceof Expr.Cast c) {
            return new Expr.Cast(rewrite(c.value(), replace), c.typeName(), c.position());
        }
        return expr;
    }

    private static SqlException error(Position position, String message, String near) {
        return new SqlException(position, near, message);
    }
}

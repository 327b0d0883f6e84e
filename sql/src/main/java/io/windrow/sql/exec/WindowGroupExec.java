package io.windrow.sql.exec;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ddl.SqlTypes;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.Planner;
import io.windrow.sql.plan.WindowCall;
import io.windrow.sql.plan.WindowGroup;
import io.windrow.udf.WindowFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Evaluates one {@link WindowGroup} on Spark in a single pass: main rows (flag 1) and UNION rows
 * (flag 0) are put together, repartitioned by the partition keys, sorted within partitions by
 * (keys, order time, flag, source, position) and streamed through {@link WindowProcessor}.
 *
 * <p>Tie rule (documented, deterministic): among rows with equal order time, UNION rows are older
 * than main rows (OpenMLDB's rule); among UNION rows, later sources in the UNION list are older
 * (OpenMLDB's rule, seen in its cases "window unions multiple tables ... same ts");
 * within one table, the row earlier in input order (its position) is older. Positions come from
 * the input's order, so results do not depend on the number of partitions.
 *
 * <p>Rows whose order key is NULL or negative produce no output (OpenMLDB's offline rule); they
 * are returned separately so callers can count them. Hot keys: a key's rows are streamed, the
 * buffers hold only its frames, so a hot key costs time on one task but not memory beyond the
 * frame (UNBOUNDED windows without MAXSIZE keep only aggregate state).
 */
public final class WindowGroupExec {
    /** The group's output and the main rows it dropped for a NULL or negative order key. */
    public record Result(Dataset<Row> output, Dataset<Row> droppedRows) {}

    private WindowGroupExec() {}

    public static Result execute(WindowGroup group, Dataset<Row> main, List<Dataset<Row>> unions,
            FunctionCatalog catalog, int partitions) {
        ExpressionCompiler compiler = new ExpressionCompiler(main);
        List<String> carry = new ArrayList<>();
        for (StructField field : main.schema().fields()) {
            carry.add(field.name());
        }
        ValueSlots values = new ValueSlots();
        List<CallSpec> specs = new ArrayList<>();
        List<DataType> resultTypes = new ArrayList<>();
        Map<String, Integer> callIndexes = new LinkedHashMap<>();
        Map<Integer, List<Expr>> perFrameArguments = new LinkedHashMap<>();
        for (WindowCall call : group.calls()) {
            callIndexes.put(call.id(), callIndexes.size());
            if (Planner.NAVIGATION_FUNCTIONS.contains(call.function())) {
                if (call.args().isEmpty() || call.args().size() > 2) {
                    throw new IllegalArgumentException(call.position() + ": " + call.function()
                            + " takes (column[, offset]) near '" + call.function() + "'");
                }
                int offset = call.function().equals("lag") ? 1 : 0;
                if (call.args().size() == 2) {
                    if (!(call.args().get(1) instanceof Expr.Literal literal) || !(literal.value() instanceof Integer n)
                            || n < 0) {
                        throw new IllegalArgumentException(call.position() + ": the offset of " + call.function()
                                + " must be a non-negative integer literal near '" + call.function() + "'");
                    }
                    offset = n;
                }
                int slot = values.slotOf(call.args().get(0));
                specs.add(new CallSpec(CallSpec.Kind.NAVIGATION, call.frameIndex(), call.function(), List.of(),
                        List.of(), new int[] {slot}, List.of(), offset));
                resultTypes.add(compiler.typeOf(call.args().get(0)));
                continue;
            }
            WindowFunction function = catalog.lookup(call.function()).orElseThrow(() -> new IllegalArgumentException(
                    call.position() + ": unknown window function " + call.function() + " near '" + call.function() + "'"));
            AggregateArguments arguments = AggregateArguments.of(function, call.function(), call.args(),
                    call.position(), compiler, arg -> compiler.typeOf(typingForm(arg, callIndexes, resultTypes)));
            int arity = arguments.valueArity();
            List<DataType> types = arguments.types();
            List<Object> constants = arguments.constants();
            resultTypes.add(arguments.resultType());
            if (call.perFrame()) {
                List<Expr> rowArgs = call.args().subList(0, arity);
                for (Expr arg : rowArgs) {
                    for (String id : Planner.referencedIds(arg)) {
                        if (!callIndexes.containsKey(id)) {
                            values.slotOf(new Expr.BoundColumn(id, id, arg.position()));
                        }
                    }
                }
                // Compiled below, once the value columns are all known: results of nested calls come after them.
                perFrameArguments.put(specs.size(), rowArgs);
                specs.add(new CallSpec(CallSpec.Kind.PER_FRAME, call.frameIndex(), call.function(), types, constants,
                        new int[0], List.of(), 0));
            } else {
                int[] slots = new int[arity];
                for (int i = 0; i < arity; i++) {
                    slots[i] = values.slotOf(call.args().get(i));
                }
                specs.add(new CallSpec(CallSpec.Kind.INCREMENTAL, call.frameIndex(), call.function(), types, constants,
                        slots, List.of(), 0));
            }
        }

        for (Map.Entry<Integer, List<Expr>> entry : perFrameArguments.entrySet()) {
            List<RowExpression> rowArgs = new ArrayList<>();
            for (Expr arg : entry.getValue()) {
                Map<String, Integer> slots = new LinkedHashMap<>();
                for (String id : Planner.referencedIds(arg)) {
                    Integer call = callIndexes.get(id);
                    slots.put(id, call != null ? values.size() + call
                            : values.slotOf(new Expr.BoundColumn(id, id, arg.position())));
                }
                rowArgs.add(RowExpression.compile(arg, slots));
            }
            specs.set(entry.getKey(), specs.get(entry.getKey()).withRowArguments(rowArgs));
        }

        Dataset<Row> mainPrepared = prepare(main, compiler, group, carry, values.exprs(), 1, 0);
        Column validTs = col(Columns.TS).isNotNull().and(col(Columns.TS).geq(lit(0L)));
        Dataset<Row> dropped = mainPrepared.filter(org.apache.spark.sql.functions.not(validTs)
                .or(col(Columns.TS).isNull()));
        Dataset<Row> all = mainPrepared.filter(validTs);
        for (int k = 0; k < unions.size(); k++) {
            Dataset<Row> renamed = alignUnion(group, k, unions.get(k), main);
            // Sorted ascending, so the last UNION source gets the smallest number: it is the oldest.
            Dataset<Row> prepared = prepare(renamed, new ExpressionCompiler(renamed), group, carry, values.exprs(), 0,
                    unions.size() - 1 - k);
            all = all.union(prepared.filter(validTs));
        }
        List<Column> keys = new ArrayList<>();
        for (String key : group.partitionKeys()) {
            keys.add(col(key));
        }
        List<Column> sortColumns = new ArrayList<>(keys);
        sortColumns.add(col(Columns.TS));
        sortColumns.add(col(Columns.FLAG));
        sortColumns.add(col(Columns.SOURCE));
        sortColumns.add(col(Columns.POSITION));
        Dataset<Row> partitioned = partitions > 0 ? all.repartition(partitions, keys.toArray(new Column[0]))
                : all.repartition(keys.toArray(new Column[0]));
        Dataset<Row> sorted = partitioned.sortWithinPartitions(sortColumns.toArray(new Column[0]));

        StructType sortedSchema = sorted.schema();
        int[] keyIndexes = group.partitionKeys().stream().mapToInt(carry::indexOf).toArray();
        DataType[] keyTypes = new DataType[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyTypes[i] = sortedSchema.fields()[keyIndexes[i]].dataType();
        }
        DataType[] valueTypes = new DataType[values.size()];
        for (int i = 0; i < valueTypes.length; i++) {
            valueTypes[i] = sortedSchema.fields()[carry.size() + 3 + i].dataType();
        }
        // Output: the sorted row as it came in, then one column per call.
        List<StructField> outFields = new ArrayList<>();
        for (StructField field : sortedSchema.fields()) {
            outFields.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
        }
        for (int c = 0; c < group.calls().size(); c++) {
            outFields.add(DataTypes.createStructField(group.calls().get(c).id(), resultTypes.get(c), true));
        }
        StructType outSchema = new StructType(outFields.toArray(new StructField[0]));
        WindowProcessor processor = new WindowProcessor(keyIndexes, keyTypes, carry.size(), valueTypes,
                resultTypes.toArray(new DataType[0]), group.frames(), specs, catalog);
        Dataset<Row> processed = InternalRowOperator.mapPartitions(sorted, outSchema, processor);
        List<Column> selected = new ArrayList<>();
        for (String name : carry) {
            selected.add(col(name));
        }
        for (WindowCall call : group.calls()) {
            selected.add(col(call.id()));
        }
        return new Result(processed.select(selected.toArray(new Column[0])), dropped);
    }

    /**
     * An aggregate argument as Spark can type it: {@code at(col, 0)} read as {@code col}, and the result
     * of a nested call (a column only the window operator has) as a NULL of its result type.
     */
    private static Expr typingForm(Expr arg, Map<String, Integer> callIndexes, List<DataType> resultTypes) {
        return Planner.rewrite(withoutCurrentRowReads(arg), e -> e instanceof Expr.BoundColumn column
                && callIndexes.containsKey(column.internalName())
                ? new Expr.Cast(new Expr.Literal(null, column.position()),
                        SqlTypes.name(resultTypes.get(callIndexes.get(column.internalName()))), column.position())
                : null);
    }

    /** {@code at(col, 0)} replaced by {@code col}: the argument's type as seen on one row. */
    private static Expr withoutCurrentRowReads(Expr expr) {
        return Planner.rewrite(expr, e -> e instanceof Expr.Call call && call.over() == null
                && Planner.NAVIGATION_FUNCTIONS.contains(call.name()) && !call.args().isEmpty()
                ? withoutCurrentRowReads(call.args().get(0)) : null);
    }

    private static Dataset<Row> prepare(Dataset<Row> input, ExpressionCompiler compiler, WindowGroup group,
            List<String> carry, List<Expr> valueExprs, int flag, int source) {
        List<Column> columns = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        for (String name : carry) {
            columns.add(col(name));
            exprs.add(null);
        }
        columns.add(orderMillis(compiler, group).as(Columns.TS));
        columns.add(lit(flag).as(Columns.FLAG));
        columns.add(lit(source).as(Columns.SOURCE));
        exprs.add(null);
        exprs.add(null);
        exprs.add(null);
        for (int i = 0; i < valueExprs.size(); i++) {
            Expr value = withoutCurrentRowReads(valueExprs.get(i));
            columns.add(compiler.column(value).as("__v" + i));
            exprs.add(value);
        }
        return compiler.select(columns, exprs);
    }

    private static Column orderMillis(ExpressionCompiler compiler, WindowGroup group) {
        DataType type = compiler.typeOf(new Expr.BoundColumn(group.orderKey(), group.orderDisplay(),
                io.windrow.sql.ast.Position.UNKNOWN));
        // OpenMLDB orders windows by timestamps or integers only; it rejects a DATE order key.
        Column millis = type instanceof DateType ? null
                : Columns.epochMillis(col(group.orderKey()), type);
        if (millis == null) {
            throw new IllegalArgumentException("window ORDER BY " + group.orderDisplay() + " has type "
                    + SqlTypes.name(type) + "; it must be a timestamp or an integer");
        }
        return millis;
    }

    /** A UNION source's rows with the main table's column ids (by position), other carried columns NULL. */
    private static Dataset<Row> alignUnion(WindowGroup group, int k, Dataset<Row> union, Dataset<Row> main) {
        StructType unionSchema = union.schema();
        StructType mainSchema = main.schema();
        Map<String, String> renames = new LinkedHashMap<>();
        for (int i = 0; i < group.mainFields().size(); i++) {
            Field mainField = group.mainFields().get(i);
            StructField unionField = unionSchema.fields()[i];
            DataType mainType = mainSchema.apply(mainField.id()).dataType();
            String unionName = group.unions().get(k).output().get(i).name();
            if (!unionName.equals(mainField.name())) {
                throw new IllegalArgumentException("UNION source " + (k + 1) + " of the window on "
                        + group.orderDisplay() + ": column " + (i + 1) + " is named " + unionName
                        + ", the main table's is " + mainField.name() + " (OpenMLDB requires the same schema)");
            }
            if (!unionField.dataType().equals(mainType)) {
                throw new IllegalArgumentException("UNION source " + (k + 1) + " of the window on "
                        + group.orderDisplay() + ": column " + (i + 1) + " (" + mainField.name() + ") has type "
                        + SqlTypes.name(unionField.dataType()) + ", the main table's has " + SqlTypes.name(mainType));
            }
            renames.put(mainField.id(), unionField.name());
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : mainSchema.fields()) {
            if (renames.containsKey(field.name())) {
                columns.add(col(renames.get(field.name())).as(field.name()));
            } else if (field.name().equals(Columns.POSITION)) {
                columns.add(col(Columns.POSITION));
            } else {
                columns.add(lit(null).cast(field.dataType()).as(field.name()));
            }
        }
        return union.select(columns.toArray(new Column[0]));
    }
}

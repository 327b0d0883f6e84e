package io.windrow.sql.exec;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.WindowCall;
import io.windrow.sql.plan.WindowGroup;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
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
        List<String> carry = new ArrayList<>();
        for (StructField field : main.schema().fields()) {
            carry.add(field.name());
        }
        WindowGroupCalls compiled = WindowGroupCalls.of(group);
        List<CallSpec> specs = compiled.calls();
        List<Expression> valueExprs = compiled.values();
        DataType[] resultTypes = group.calls().stream().map(call -> call.resultType().sparkType())
                .toArray(DataType[]::new);

        Dataset<Row> mainPrepared = prepare(main, group, carry, valueExprs, 1, 0);
        Column validTs = col(Columns.TS).isNotNull().and(col(Columns.TS).geq(lit(0L)));
        Dataset<Row> dropped = mainPrepared.filter(org.apache.spark.sql.functions.not(validTs)
                .or(col(Columns.TS).isNull()));
        Dataset<Row> all = mainPrepared.filter(validTs);
        for (int k = 0; k < unions.size(); k++) {
            Dataset<Row> renamed = alignUnion(group, k, unions.get(k), main);
            // Sorted ascending, so the last UNION source gets the smallest number: it is the oldest.
            Dataset<Row> prepared = prepare(renamed, group, carry, valueExprs, 0, unions.size() - 1 - k);
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
        DataType[] valueTypes = valueExprs.stream().map(value -> value.type().sparkType()).toArray(DataType[]::new);
        // Output: the sorted row as it came in, then one column per call.
        List<StructField> outFields = new ArrayList<>();
        for (StructField field : sortedSchema.fields()) {
            outFields.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
        }
        for (int c = 0; c < group.calls().size(); c++) {
            outFields.add(DataTypes.createStructField(group.calls().get(c).id(), resultTypes[c], true));
        }
        StructType outSchema = new StructType(outFields.toArray(new StructField[0]));
        WindowProcessor processor = new WindowProcessor(keyIndexes, keyTypes, carry.size(), valueTypes,
                resultTypes, group.frames(), specs, catalog);
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

    private static Dataset<Row> prepare(Dataset<Row> input, WindowGroup group, List<String> carry,
            List<Expression> valueExprs, int flag, int source) {
        List<Column> columns = new ArrayList<>();
        for (String name : carry) {
            columns.add(col(name));
        }
        Field order = group.orderKey();
        columns.add(Columns.epochMillis(col(order.id()), order.type().sparkType()).as(Columns.TS));
        columns.add(lit(flag).as(Columns.FLAG));
        columns.add(lit(source).as(Columns.SOURCE));
        for (int i = 0; i < valueExprs.size(); i++) {
            columns.add(SparkExpressions.column(valueExprs.get(i)).as("__v" + i));
        }
        return input.select(columns.toArray(new Column[0]));
    }

    /**
     * A UNION source's rows with the main table's column ids (by position; the planner checked that
     * names and types agree), the other carried columns NULL.
     */
    private static Dataset<Row> alignUnion(WindowGroup group, int k, Dataset<Row> union, Dataset<Row> main) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (int i = 0; i < group.mainFields().size(); i++) {
            renames.put(group.mainFields().get(i).id(), group.unions().get(k).output().get(i).id());
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : main.schema().fields()) {
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

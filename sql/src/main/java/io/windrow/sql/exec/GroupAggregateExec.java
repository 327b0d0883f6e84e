package io.windrow.sql.exec;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.GroupAggregate;
import io.windrow.sql.plan.TableAggregate;
import io.windrow.udf.WindowState;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static io.windrow.sql.exec.Columns.col;

/**
 * Evaluates a {@link GroupAggregate}: the key and argument values are shuffled by key and sorted by
 * (key, input position), then each key's run is folded into one {@link WindowState} per call, so
 * memory holds one group's states, not its rows; order-sensitive functions see the rows in input
 * order, as OpenMLDB does. A group's row carries the position of its first row.
 */
final class GroupAggregateExec {
    private GroupAggregateExec() {}

    static Dataset<Row> execute(GroupAggregate node, Dataset<Row> input, FunctionCatalog catalog, int partitions) {
        ValueSlots values = new ValueSlots();
        List<Aggregate> aggregates = new ArrayList<>();
        for (TableAggregate.Call call : node.calls()) {
            int[] slots = call.args().stream().mapToInt(values::slotOf).toArray();
            aggregates.add(new Aggregate(call.function(), call.argumentTypes(), call.constants(), slots,
                    call.resultType().sparkType()));
        }
        List<Column> columns = new ArrayList<>();
        List<Column> keys = new ArrayList<>();
        for (int k = 0; k < node.keys().size(); k++) {
            columns.add(SparkExpressions.column(node.keys().get(k)).as("__k" + k));
            keys.add(col("__k" + k));
        }
        for (Expression value : values.exprs()) {
            columns.add(SparkExpressions.column(value).as("__v" + (columns.size() - keys.size())));
        }
        columns.add(col(Columns.POSITION));
        Column[] keyArray = keys.toArray(new Column[0]);
        Dataset<Row> prepared = input.select(columns.toArray(new Column[0]));
        Dataset<Row> partitioned = partitions > 0 ? prepared.repartition(partitions, keyArray)
                : prepared.repartition(keyArray);
        List<Column> sort = new ArrayList<>(keys);
        sort.add(col(Columns.POSITION));
        Dataset<Row> sorted = partitioned.sortWithinPartitions(sort.toArray(new Column[0]));

        DataType[] keyTypes = node.keyFields().stream().map(f -> f.type().sparkType()).toArray(DataType[]::new);
        DataType[] valueTypes = values.exprs().stream().map(v -> v.type().sparkType()).toArray(DataType[]::new);
        List<StructField> outFields = new ArrayList<>();
        for (Field field : node.output()) {
            outFields.add(DataTypes.createStructField(field.id(), field.type().sparkType(), true));
        }
        outFields.add(DataTypes.createStructField(Columns.POSITION, DataTypes.LongType, false));
        return InternalRowOperator.mapPartitions(sorted, new StructType(outFields.toArray(new StructField[0])),
                new Folder(aggregates, keyTypes, valueTypes, catalog));
    }

    /** One call as the executor sees it: the value slots it reads and its constant arguments. */
    private record Aggregate(String function, List<DataType> argumentTypes, List<Object> constants, int[] slots,
            DataType resultType) implements Serializable {}

    /** Folds each key's run of rows into one output row: keys, results, first position. */
    private record Folder(List<Aggregate> aggregates, DataType[] keyTypes, DataType[] valueTypes,
            FunctionCatalog catalog) implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        /** Streams the groups: a group's row is emitted when the next key starts, so one group is held at a time. */
        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            int keyCount = keyTypes.length;
            CurrentKey currentKey = new CurrentKey(IntStream.range(0, keyCount).toArray(), keyTypes);
            JavaValues javaValues = new JavaValues(valueTypes);
            List<Function1<Object, Object>> toSpark = aggregates.stream()
                    .map(a -> CatalystTypeConverters.createToCatalystConverter(a.resultType())).toList();
            int positionOrdinal = keyCount + valueTypes.length;
            return new Iterator<>() {
                private InternalRow pending = rows.hasNext() ? rows.next() : null;

                @Override
                public boolean hasNext() {
                    return pending != null;
                }

                @Override
                public InternalRow next() {
                    if (pending == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    InternalRow row = pending;
                    currentKey.moveTo(row);
                    Object[] keyValues = new Object[keyCount];
                    for (int k = 0; k < keyCount; k++) {
                        keyValues[k] = InternalRow.copyValue(InternalRowOperator.valueAt(row, k, keyTypes[k]));
                    }
                    long firstPosition = row.getLong(positionOrdinal);
                    List<WindowState> states = new ArrayList<>();
                    for (Aggregate aggregate : aggregates) {
                        states.add(catalog.lookup(aggregate.function()).orElseThrow()
                                .newState(aggregate.argumentTypes(), aggregate.constants()));
                    }
                    do {
                        Object[] values = javaValues.read(row, keyCount);
                        for (int a = 0; a < aggregates.size(); a++) {
                            int[] slots = aggregates.get(a).slots();
                            Object[] args = new Object[slots.length];
                            for (int j = 0; j < slots.length; j++) {
                                args[j] = values[slots[j]];
                            }
                            states.get(a).add(args);
                        }
                        row = rows.hasNext() ? rows.next() : null;
                    } while (row != null && currentKey.matches(row));
                    pending = row;
                    return result(keyValues, states, toSpark, firstPosition);
                }
            };
        }

        private static InternalRow result(Object[] keyValues, List<WindowState> states,
                List<Function1<Object, Object>> toSpark, long firstPosition) {
            Object[] fields = new Object[keyValues.length + states.size() + 1];
            System.arraycopy(keyValues, 0, fields, 0, keyValues.length);
            for (int a = 0; a < states.size(); a++) {
                fields[keyValues.length + a] = toSpark.get(a).apply(states.get(a).result());
            }
            fields[fields.length - 1] = firstPosition;
            return new GenericInternalRow(fields);
        }
    }
}

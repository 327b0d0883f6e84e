package io.windrow.sql.exec;

import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.plan.FunctionCatalog;
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

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;

/**
 * Evaluates a {@link TableAggregate}: the argument values of all rows go to one task in input order
 * (the order-sensitive functions, {@code first_value} or the tie order of {@code topn_frequency},
 * see the rows as OpenMLDB does) and are folded into one {@link WindowState} per call, so memory
 * holds the states, not the rows; the sort before it spills like any Spark sort.
 */
final class TableAggregateExec {
    private TableAggregateExec() {}

    static Dataset<Row> execute(TableAggregate node, Dataset<Row> input, FunctionCatalog catalog) {
        ValueSlots values = new ValueSlots();
        List<Aggregate> aggregates = new ArrayList<>();
        List<StructField> outFields = new ArrayList<>();
        for (TableAggregate.Call call : node.calls()) {
            int[] slots = call.args().stream().mapToInt(values::slotOf).toArray();
            DataType resultType = call.resultType().sparkType();
            aggregates.add(new Aggregate(call.function(), call.argumentTypes(), call.constants(), slots, resultType));
            outFields.add(DataTypes.createStructField(call.id(), resultType, true));
        }
        List<Column> valueColumns = new ArrayList<>();
        for (Expression value : values.exprs()) {
            valueColumns.add(SparkExpressions.column(value).as("__v" + valueColumns.size()));
        }
        valueColumns.add(col(Columns.POSITION));
        Dataset<Row> valueRows = input.select(valueColumns.toArray(new Column[0]));
        DataType[] valueTypes = values.exprs().stream().map(value -> value.type().sparkType()).toArray(DataType[]::new);
        Dataset<Row> ordered = valueRows.repartition(1).sortWithinPartitions(col(Columns.POSITION));
        outFields.add(DataTypes.createStructField(Columns.POSITION, DataTypes.LongType, false));
        return InternalRowOperator.mapSinglePartition(ordered, new StructType(outFields.toArray(new StructField[0])),
                new Folder(aggregates, valueTypes, catalog));
    }

    /** One call as the executor sees it: the value slots it reads and its constant arguments. */
    private record Aggregate(String function, List<DataType> argumentTypes, List<Object> constants, int[] slots,
            DataType resultType) implements Serializable {}

    /** Folds the one partition into the states and emits their results, position 0. */
    private record Folder(List<Aggregate> aggregates, DataType[] valueTypes, FunctionCatalog catalog)
            implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            List<WindowState> states = new ArrayList<>();
            for (Aggregate aggregate : aggregates) {
                states.add(catalog.lookup(aggregate.function()).orElseThrow()
                        .newState(aggregate.argumentTypes(), aggregate.constants()));
            }
            JavaValues javaValues = new JavaValues(valueTypes);
            while (rows.hasNext()) {
                Object[] values = javaValues.read(rows.next(), 0);
                for (int a = 0; a < aggregates.size(); a++) {
                    int[] slots = aggregates.get(a).slots();
                    Object[] args = new Object[slots.length];
                    for (int j = 0; j < slots.length; j++) {
                        args[j] = values[slots[j]];
                    }
                    states.get(a).add(args);
                }
            }
            Object[] results = new Object[aggregates.size() + 1];
            for (int a = 0; a < aggregates.size(); a++) {
                results[a] = CatalystTypeConverters.createToCatalystConverter(aggregates.get(a).resultType())
                        .apply(states.get(a).result());
            }
            results[aggregates.size()] = 0L;
            return List.<InternalRow>of(new GenericInternalRow(results)).iterator();
        }
    }
}

package io.windrow.sql.exec;

import io.windrow.sql.plan.Frame;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.udf.WindowFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataType;
import scala.Function1;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The executor side of a window group: streams one sorted partition (by keys, time, union-before-main,
 * source, position) and emits one row per main row with the results of every call of every window
 * of the group. Only the current key's frames are held in memory.
 *
 * <p>Input row layout: {@code carryCount} carried columns (the main row's columns and its position),
 * then time, flag (0 union, 1 main), source, then the group's value columns. An output row is the
 * input row followed by one column per call; only the value columns are converted to Java objects
 * for the window functions, the carried ones pass through as Spark stored them.
 */
final class WindowProcessor implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private final int[] keyIndexes;
    private final DataType[] keyTypes;
    private final int carryCount;
    private final DataType[] valueTypes;
    private final DataType[] resultTypes;
    private final List<Frame> frames;
    private final List<CallSpec> calls;
    private final FunctionCatalog catalog;

    WindowProcessor(int[] keyIndexes, DataType[] keyTypes, int carryCount, DataType[] valueTypes,
            DataType[] resultTypes, List<Frame> frames, List<CallSpec> calls, FunctionCatalog catalog) {
        this.keyIndexes = keyIndexes.clone();
        this.keyTypes = keyTypes.clone();
        this.carryCount = carryCount;
        this.valueTypes = valueTypes.clone();
        this.resultTypes = resultTypes.clone();
        this.frames = List.copyOf(frames);
        this.calls = List.copyOf(calls);
        this.catalog = catalog;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        JavaValues javaValues = new JavaValues(valueTypes);
        List<Function1<Object, Object>> toSpark = new ArrayList<>();
        for (DataType type : resultTypes) {
            toSpark.add(CatalystTypeConverters.createToCatalystConverter(type));
        }
        List<WindowFunction> functions = new WindowGroupCalls(List.of(), calls).functions(catalog);
        return new SkippingIterator<>(input) {
            private final CurrentKey currentKey = new CurrentKey(keyIndexes, keyTypes);
            private KeyWindows windows;

            @Override
            protected InternalRow process(InternalRow row) {
                if (!currentKey.matches(row)) {
                    currentKey.moveTo(row);
                    windows = new KeyWindows(frames, calls, functions, valueTypes.length);
                }
                long ts = row.getLong(carryCount);
                boolean main = row.getInt(carryCount + 1) == 1;
                Object[] values = javaValues.read(row, carryCount + 3);
                if (!main) {
                    windows.offerUnion(ts, values);
                    return null;
                }
                Object[] javaResults = windows.evaluate(ts, values);
                Object[] results = new Object[calls.size()];
                for (int c = 0; c < calls.size(); c++) {
                    results[c] = toSpark.get(c).apply(javaResults[c]);
                }
                return new JoinedRow(row, new GenericInternalRow(results));
            }
        };
    }

    @Override
    public String toString() {
        return "WindowProcessor" + Objects.toString(frames);
    }
}

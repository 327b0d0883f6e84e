package io.windrow.sql.exec;

import io.windrow.sql.plan.Frame;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.WindowCall;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowState;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.DataType;
import scala.Function1;

import java.util.ArrayList;
import java.util.Arrays;
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
        List<WindowFunction> functions = new ArrayList<>();
        for (CallSpec call : calls) {
            functions.add(call.kind() == WindowCall.Kind.NAVIGATION ? null : catalog.lookup(call.function())
                    .orElseThrow(() -> new IllegalStateException("unknown window function " + call.function())));
        }
        JavaValues javaValues = new JavaValues(valueTypes);
        List<Function1<Object, Object>> toSpark = new ArrayList<>();
        for (DataType type : resultTypes) {
            toSpark.add(CatalystTypeConverters.createToCatalystConverter(type));
        }
        return new SkippingIterator<>(input) {
            private final CurrentKey currentKey = new CurrentKey(keyIndexes, keyTypes);
            private List<FrameBuffer> buffers;
            private int[] localIndex;
            @Override
            protected InternalRow process(InternalRow row) {
                if (!currentKey.matches(row)) {
                    currentKey.moveTo(row);
                    resetBuffers();
                }
                long ts = row.getLong(carryCount);
                boolean main = row.getInt(carryCount + 1) == 1;
                FrameBuffer.Entry entry = new FrameBuffer.Entry(ts, javaValues.read(row, carryCount + 3));
                if (!main) {
                    for (FrameBuffer buffer : buffers) {
                        buffer.offer(entry);
                    }
                    return null;
                }
                for (FrameBuffer buffer : buffers) {
                    buffer.advance(ts);
                }
                Object[] javaResults = new Object[calls.size()];
                Object[] results = new Object[calls.size()];
                for (int c = 0; c < calls.size(); c++) {
                    javaResults[c] = evaluate(c, entry, javaResults);
                    results[c] = toSpark.get(c).apply(javaResults[c]);
                }
                for (int f = 0; f < frames.size(); f++) {
                    if (!frames.get(f).instanceNotInWindow()) {
                        buffers.get(f).offer(entry);
                    }
                }
                return new JoinedRow(row, new GenericInternalRow(results));
            }

            /** Call {@code c}'s result; {@code earlier} holds the results of calls before it (nested calls come first). */
            private Object evaluate(int c, FrameBuffer.Entry current, Object[] earlier) {
                CallSpec call = calls.get(c);
                FrameBuffer buffer = buffers.get(call.frameIndex());
                switch (call.kind()) {
                    case NAVIGATION:
                        return call.offset() == 0 ? current.values()[call.valueSlots()[0]]
                                : buffer.recent(call.offset(), call.valueSlots()[0], current.ts());
                    case INCREMENTAL:
                        return buffer.incrementalResult(localIndex[c], current);
                    default:
                        // Arguments read the current row, so the frame is re-aggregated for this row; the
                        // frame is bounded by ROWS or MAXSIZE in the queries that use this form.
                        WindowState state = functions.get(c).newState(call.argumentTypes(), call.constants());
                        Object[] args = new Object[call.rowArguments().size()];
                        // The current row as the arguments read it: its values, then the results of nested calls.
                        Object[] currentValues = Arrays.copyOf(current.values(), valueTypes.length + calls.size());
                        System.arraycopy(earlier, 0, currentValues, valueTypes.length, c);
                        for (FrameBuffer.Entry row : buffer.history()) {
                            state.add(arguments(call, row.values(), currentValues, args));
                        }
                        if (buffer.includesCurrentRow()) {
                            state.add(arguments(call, current.values(), currentValues, args));
                        }
                        return state.result();
                }
            }

            private Object[] arguments(CallSpec call, Object[] row, Object[] current, Object[] args) {
                for (int i = 0; i < args.length; i++) {
                    args[i] = call.rowArguments().get(i).eval(row, current);
                }
                return args;
            }

            private void resetBuffers() {
                buffers = new ArrayList<>();
                localIndex = new int[calls.size()];
                for (int f = 0; f < frames.size(); f++) {
                    List<CallSpec> incremental = new ArrayList<>();
                    List<WindowState> states = new ArrayList<>();
                    boolean perFrame = false;
                    int maxLag = 0;
                    for (int c = 0; c < calls.size(); c++) {
                        CallSpec call = calls.get(c);
                        if (call.frameIndex() != f) {
                            continue;
                        }
                        switch (call.kind()) {
                            case INCREMENTAL -> {
                                localIndex[c] = incremental.size();
                                incremental.add(call);
                                states.add(functions.get(c).newState(call.argumentTypes(), call.constants()));
                            }
                            case PER_FRAME -> perFrame = true;
                            case NAVIGATION -> maxLag = Math.max(maxLag, call.offset());
                        }
                    }
                    buffers.add(new FrameBuffer(frames.get(f), incremental, states, perFrame, maxLag));
                }
            }
        };
    }

    @Override
    public String toString() {
        return "WindowProcessor" + Objects.toString(frames);
    }
}

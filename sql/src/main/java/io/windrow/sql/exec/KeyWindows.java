package io.windrow.sql.exec;

import io.windrow.sql.plan.Frame;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of one window group for one partition key, fed rows in window order (time, then UNION
 * rows before main rows, then UNION sources from last to first, then input order). This is the one
 * definition of how rows enter frames and how each call is computed: the Spark operator
 * ({@link WindowProcessor}) streams a key's sorted rows through one instance, and request mode
 * feeds a fresh instance the stored rows of the request's key, then evaluates the request.
 *
 * <p>Rows are the group's value columns ({@link WindowGroupCalls#values()}) as Java values, with
 * the order key in epoch milliseconds (days for DATE). Not thread-safe: one instance per key and
 * thread.
 */
public final class KeyWindows {
    private final List<Frame> frames;
    private final List<CallSpec> calls;
    private final List<WindowFunction> functions;
    private final int valueCount;
    private final List<FrameBuffer> buffers = new ArrayList<>();
    private final int[] localIndex;

    /**
     * @param functions one per call, as {@link WindowGroupCalls#functions} gives them
     * @param valueCount the number of value columns
     */
    public KeyWindows(List<Frame> frames, List<CallSpec> calls, List<WindowFunction> functions, int valueCount) {
        this.frames = frames;
        this.calls = calls;
        this.functions = functions;
        this.valueCount = valueCount;
        this.localIndex = new int[calls.size()];
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

    /** A UNION row: it enters every frame for the main rows after it and asks for no result. */
    public void offerUnion(long ts, Object[] values) {
        FrameBuffer.Entry entry = new FrameBuffer.Entry(ts, values);
        for (FrameBuffer buffer : buffers) {
            buffer.offer(entry);
        }
    }

    /**
     * A main row whose results nobody reads (request mode's stored rows): it enters the frames as
     * {@link #evaluate} would have let it. Frames catch up on the next evaluation, so skipping the
     * evaluation leaves every later result the same.
     */
    public void offerMain(long ts, Object[] values) {
        offerEvaluated(new FrameBuffer.Entry(ts, values));
    }

    /** A main row: the Java result of every call, then the row enters the frames for later rows. */
    public Object[] evaluate(long ts, Object[] values) {
        FrameBuffer.Entry entry = new FrameBuffer.Entry(ts, values);
        for (FrameBuffer buffer : buffers) {
            buffer.advance(ts);
        }
        Object[] results = new Object[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            results[c] = evaluate(c, entry, results);
        }
        offerEvaluated(entry);
        return results;
    }

    private void offerEvaluated(FrameBuffer.Entry entry) {
        for (int f = 0; f < frames.size(); f++) {
            if (!frames.get(f).instanceNotInWindow()) {
                buffers.get(f).offer(entry);
            }
        }
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
                Object[] currentValues = Arrays.copyOf(current.values(), valueCount + calls.size());
                System.arraycopy(earlier, 0, currentValues, valueCount, c);
                for (FrameBuffer.Entry row : buffer.history()) {
                    state.add(arguments(call, row.values(), currentValues, args));
                }
                if (buffer.includesCurrentRow()) {
                    state.add(arguments(call, current.values(), currentValues, args));
                }
                return state.result();
        }
    }

    private static Object[] arguments(CallSpec call, Object[] row, Object[] current, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            args[i] = call.rowArguments().get(i).eval(row, current);
        }
        return args;
    }
}

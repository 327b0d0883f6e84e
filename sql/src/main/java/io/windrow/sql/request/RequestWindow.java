package io.windrow.sql.request;

import io.windrow.sql.exec.CallSpec;
import io.windrow.sql.exec.KeyWindows;
import io.windrow.sql.plan.Frame;
import io.windrow.udf.WindowFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A window group for the request: the stored rows of the request's partition key, from the main
 * table's history and every UNION source, up to the request's time, are merged in the batch
 * operator's window order (time; UNION rows before main rows; later UNION sources older; arrival
 * order) and fed to a fresh {@link KeyWindows}, which then evaluates the request as the newest main
 * row. The request itself is not stored. Frames, ties, MAXSIZE, EXCLUDE and INSTANCE_NOT_IN_WINDOW
 * are therefore decided by the same code as in batch.
 */
final class RequestWindow implements RequestNode {
    /** A stored row on its way into the frames, with its place in window order. */
    private record Feed(long ts, int flag, int sourceNumber, long seq, Object[] values) {}

    private static final Comparator<Feed> WINDOW_ORDER = Comparator.comparingLong(Feed::ts)
            .thenComparingInt(Feed::flag).thenComparingInt(Feed::sourceNumber).thenComparingLong(Feed::seq);

    private final RequestNode child;
    private final List<WindowSource> sources;
    private final List<Frame> frames;
    private final List<CallSpec> calls;
    private final List<WindowFunction> functions;
    private final int valueCount;

    /** @param sources the main table's source first, then the UNION sources */
    RequestWindow(RequestNode child, List<WindowSource> sources, List<Frame> frames, List<CallSpec> calls,
            List<WindowFunction> functions, int valueCount) {
        this.child = child;
        this.sources = List.copyOf(sources);
        this.frames = List.copyOf(frames);
        this.calls = List.copyOf(calls);
        this.functions = new ArrayList<>(functions);
        this.valueCount = valueCount;
    }

    @Override
    public Object[] evaluate(Object[] request) {
        Object[] row = child.evaluate(request);
        WindowSource.Prepared current = sources.get(0).prepare(request);
        List<Feed> feed = new ArrayList<>();
        for (WindowSource source : sources) {
            for (WindowHistory.Row stored : source.history().upTo(current.key(), current.ts())) {
                feed.add(new Feed(stored.ts(), source.flag(), source.sourceNumber(), stored.seq(), stored.values()));
            }
        }
        feed.sort(WINDOW_ORDER);
        KeyWindows windows = new KeyWindows(frames, calls, functions, valueCount);
        for (Feed stored : feed) {
            if (stored.flag() == 0) {
                windows.offerUnion(stored.ts(), stored.values());
            } else {
                windows.offerMain(stored.ts(), stored.values());
            }
        }
        Object[] results = windows.evaluate(current.ts(), current.values());
        Object[] out = Arrays.copyOf(row, row.length + results.length);
        System.arraycopy(results, 0, out, row.length, results.length);
        return out;
    }
}

package io.windrow.sql.exec;

import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.plan.Frame;
import io.windrow.sql.plan.WindowCall;
import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowState;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot key costs time, not memory: streaming a million rows of one key through a frame keeps at
 * most the frame's rows (MAXSIZE, the ROWS count or the time range), and an UNBOUNDED frame keeps
 * none, only its aggregate state. Results stay exact all the way.
 */
class FrameBufferTest {
    private static final int ROWS = 1_000_000;
    private static final List<DataType> LONG = List.of(DataTypes.LongType);

    private static FrameBuffer buffer(Frame frame, WindowState state) {
        CallSpec sum = new CallSpec(WindowCall.Kind.INCREMENTAL, 0, "sum", LONG, List.of(), new int[] {0}, List.of(), 0);
        return new FrameBuffer(frame, List.of(sum), List.of(state), false, 0);
    }

    private static WindowState sumState() {
        return FunctionRegistry.standard().lookup("sum").orElseThrow().newState(LONG, List.of());
    }

    private static long retained(FrameBuffer buffer) {
        long n = 0;
        for (FrameBuffer.Entry ignored : buffer.history()) {
            n++;
        }
        return n;
    }

    /** Streams rows ts = i seconds, value i, asserting the retained rows and the sum every 10,000 rows. */
    private static void stream(Frame frame, long maxRetained, long frameRows) {
        FrameBuffer buffer = buffer(frame, sumState());
        for (long i = 0; i < ROWS; i++) {
            FrameBuffer.Entry entry = new FrameBuffer.Entry(i * 1000, new Object[] {i});
            buffer.advance(entry.ts());
            if (i % 10_000 == 9_999) {
                assertThat(retained(buffer)).isLessThanOrEqualTo(maxRetained);
                long first = Math.max(0, i - frameRows + 1);
                long expected = (first + i) * (i - first + 1) / 2;
                assertThat(buffer.incrementalResult(0, entry)).isEqualTo(expected);
            }
            buffer.offer(entry);
        }
    }

    @Test
    void rangeFrameWithMaxSizeKeepsAtMostMaxSizeRows() {
        // 10h range, MAXSIZE 100: the newest 100 rows (99 history rows plus the current one).
        stream(new Frame("w", WindowSpec.FrameType.ROWS_RANGE, false, 36_000_000, false, 0, false, 100, false, false,
                false), 100, 100);
    }

    @Test
    void rangeFrameKeepsOnlyItsTimeRange() {
        // 1000 s range at one row per second: 1001 rows including the current one.
        stream(new Frame("w", WindowSpec.FrameType.ROWS_RANGE, false, 1_000_000, false, 0, false, 0, false, false,
                false), 1001, 1001);
    }

    @Test
    void rowsFrameKeepsItsRowCount() {
        stream(new Frame("w", WindowSpec.FrameType.ROWS, false, 10, false, 0, false, 0, false, false, false), 11, 11);
    }

    @Test
    void unboundedFrameKeepsOnlyState() {
        stream(new Frame("w", WindowSpec.FrameType.ROWS, true, 0, false, 0, false, 0, false, false, false), 0, ROWS);
    }
}

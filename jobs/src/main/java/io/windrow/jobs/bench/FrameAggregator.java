package io.windrow.jobs.bench;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The baseline's Spark Aggregators for the OpenMLDB functions Spark lacks (distinct_count with
 * OpenMLDB's NULL rule, top1_ratio, topn_frequency, count_where against the current row, and
 * min/max), evaluated over frames Spark cannot express natively:
 *
 * <ul>
 *   <li>{@code ROWS_RANGE X MAXSIZE m}: the Spark frame {@code rowsBetween(-(m-1), 0)} with the
 *       rows older than {@code X} before the current row dropped at evaluation;
 *   <li>{@code UNION t ... INSTANCE_NOT_IN_WINDOW}: the frame {@code rowsBetween(unboundedPreceding, 0)}
 *       over main and union rows; the buffer keeps only the newest union rows (at most {@code m-1},
 *       or n for {@code ROWS n}) and the current row, so it stays small.
 * </ul>
 *
 * <p>Input rows are {@code (millis bigint, main boolean, value)}. Written for the benchmark only,
 * independently of Windrow's window functions.
 */
public abstract class FrameAggregator<OUT> extends Aggregator<Row, FrameBuffer, OUT> {
    private static final long serialVersionUID = 1L;

    /** How the frame is formed. */
    public record Frame(int capacity, long rangeMillis, boolean unionOnly) implements java.io.Serializable {
        /** A plain frame Spark bounds itself (ROWS n, or MAXSIZE m with a range limit). */
        public static Frame plain(int capacity, long rangeMillis) {
            return new Frame(capacity, rangeMillis, false);
        }

        /** A UNION ... INSTANCE_NOT_IN_WINDOW frame: the current row and up to {@code history} union rows. */
        public static Frame union(int history, long rangeMillis) {
            return new Frame(history, rangeMillis, true);
        }
    }

    private final Frame frame;

    protected FrameAggregator(Frame frame) {
        this.frame = frame;
    }

    @Override
    public FrameBuffer zero() {
        return new FrameBuffer();
    }

    @Override
    public FrameBuffer reduce(FrameBuffer buffer, Row row) {
        boolean main = row.getBoolean(1);
        buffer.add(row.getLong(0), row.get(2), main, !frame.unionOnly() || !main, frame.capacity());
        return buffer;
    }

    @Override
    public FrameBuffer merge(FrameBuffer left, FrameBuffer right) {
        left.merge(right);
        return left;
    }

    @Override
    public OUT finish(FrameBuffer buffer) {
        if (buffer.last() == null || (frame.unionOnly() && !buffer.lastIsMain())) {
            return null; // a union row's own output is discarded
        }
        return compute(buffer.frameValues(frame.rangeMillis(), frame.unionOnly()), buffer.last().value());
    }

    /** The aggregate of the frame's values; {@code current} is the current row's value. */
    protected abstract OUT compute(List<Object> values, Object current);

    @Override
    public Encoder<FrameBuffer> bufferEncoder() {
        return Encoders.javaSerialization(FrameBuffer.class);
    }

    /** distinct_count: a NULL counts as the type's zero value ({@code 0} or {@code ''}), as OpenMLDB does. */
    public static final class DistinctCount extends FrameAggregator<Long> {
        private final Object zero;

        public DistinctCount(Frame frame, Object zero) {
            super(frame);
            this.zero = zero;
        }

        @Override
        protected Long compute(List<Object> values, Object current) {
            Set<Object> distinct = new HashSet<>();
            for (Object value : values) {
                distinct.add(value == null ? zero : value);
            }
            return (long) distinct.size();
        }

        @Override
        public Encoder<Long> outputEncoder() {
            return Encoders.LONG();
        }
    }

    /** top1_ratio: count of the most frequent non-NULL value over the non-NULL count; 0 when none. */
    public static final class Top1Ratio extends FrameAggregator<Double> {
        public Top1Ratio(Frame frame) {
            super(frame);
        }

        @Override
        protected Double compute(List<Object> values, Object current) {
            Map<Object, Integer> counts = new HashMap<>();
            int nonNull = 0;
            int top = 0;
            for (Object value : values) {
                if (value != null) {
                    nonNull++;
                    top = Math.max(top, counts.merge(value, 1, Integer::sum));
                }
            }
            return nonNull == 0 ? 0.0 : (double) top / nonNull;
        }

        @Override
        public Encoder<Double> outputEncoder() {
            return Encoders.DOUBLE();
        }
    }

    /**
     * topn_frequency(value, n): keys by count descending, ties by key ascending (bytewise for
     * strings, numeric otherwise), joined by {@code ,} and padded with {@code NULL} to n.
     */
    public static final class TopNFrequency extends FrameAggregator<String> {
        private final int n;

        public TopNFrequency(Frame frame, int n) {
            super(frame);
            this.n = n;
        }

        @Override
        protected String compute(List<Object> values, Object current) {
            if (values.isEmpty() || n == 0) {
                return "";
            }
            Map<Object, Integer> counts = new HashMap<>();
            for (Object value : values) {
                if (value != null) {
                    counts.merge(value, 1, Integer::sum);
                }
            }
            List<Map.Entry<Object, Integer>> entries = new ArrayList<>(counts.entrySet());
            entries.sort(Map.Entry.<Object, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry::getKey, TopNFrequency::compareKeys));
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(i < entries.size() ? String.valueOf(entries.get(i).getKey()) : "NULL");
            }
            return String.join(",", out);
        }

        private static int compareKeys(Object left, Object right) {
            if (left instanceof Number l && right instanceof Number r) {
                return Long.compare(l.longValue(), r.longValue());
            }
            return java.util.Arrays.compareUnsigned(left.toString().getBytes(StandardCharsets.UTF_8),
                    right.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Encoder<String> outputEncoder() {
            return Encoders.STRING();
        }
    }

    /** count_where(v, v = at(v, 0)): rows of the frame equal to the current row's value; NULL when that is NULL. */
    public static final class CountEqualToCurrent extends FrameAggregator<Long> {
        public CountEqualToCurrent(Frame frame) {
            super(frame);
        }

        @Override
        protected Long compute(List<Object> values, Object current) {
            if (current == null) {
                return null;
            }
            long count = 0;
            for (Object value : values) {
                if (Objects.equals(value, current)) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public Encoder<Long> outputEncoder() {
            return Encoders.LONG();
        }
    }

    /** min or max of float values, NULLs skipped; NULL for a frame without values. */
    public static final class FloatExtreme extends FrameAggregator<Float> {
        private final boolean max;

        public FloatExtreme(Frame frame, boolean max) {
            super(frame);
            this.max = max;
        }

        @Override
        protected Float compute(List<Object> values, Object current) {
            Float best = null;
            for (Object value : values) {
                if (value != null) {
                    float f = ((Number) value).floatValue();
                    if (best == null || (max ? Float.compare(f, best) > 0 : Float.compare(f, best) < 0)) {
                        best = f;
                    }
                }
            }
            return best;
        }

        @Override
        public Encoder<Float> outputEncoder() {
            return Encoders.FLOAT();
        }
    }
}

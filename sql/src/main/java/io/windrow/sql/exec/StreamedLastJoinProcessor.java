package io.windrow.sql.exec;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Executor side of {@link StreamedLastJoin}: streams the left and right rows of one partition
 * sorted by (key, time, side) and gives each left row, per right input, the best right row seen so
 * far for its key: the largest ORDER BY value (NULL smallest), then the latest right input
 * position. Row layout: key columns, the time (when the join has a time predicate), the side
 * (0..n-1 a right input, else the left), the left row packed in a struct, then one struct per right
 * input holding its columns followed by its ranking values.
 */
final class StreamedLastJoinProcessor implements MapPartitionsFunction<Row, Row> {
    private final int keyCount;
    private final boolean timed;
    private final int leftWidth;
    private final int[] rightWidths;
    private final int[] rankCounts;

    StreamedLastJoinProcessor(int keyCount, boolean timed, int leftWidth, int[] rightWidths, int[] rankCounts) {
        this.keyCount = keyCount;
        this.timed = timed;
        this.leftWidth = leftWidth;
        this.rightWidths = rightWidths.clone();
        this.rankCounts = rankCounts.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        int sideIndex = keyCount + (timed ? 1 : 0);
        int leftIndex = sideIndex + 1;
        int firstRight = leftIndex + 1;
        int sides = rightWidths.length;
        int outWidth = leftWidth + Arrays.stream(rightWidths).sum();
        return new SkippingIterator<>(input) {
            private final Object[] key = new Object[keyCount];
            private final Row[] best = new Row[sides];
            private boolean started;

            @Override
            protected Row process(Row row) {
                if (!started || !sameKey(row)) {
                    started = true;
                    for (int i = 0; i < keyCount; i++) {
                        key[i] = row.get(i);
                    }
                    Arrays.fill(best, null);
                }
                int side = row.getInt(sideIndex);
                if (side >= 0 && side < sides) {
                    Row candidate = row.getStruct(firstRight + side);
                    if (best[side] == null || compareRank(candidate, best[side], rightWidths[side], rankCounts[side]) >= 0) {
                        best[side] = candidate;
                    }
                    return null;
                }
                Object[] out = new Object[outWidth];
                Row left = row.getStruct(leftIndex);
                for (int i = 0; i < leftWidth; i++) {
                    out[i] = left.get(i);
                }
                int at = leftWidth;
                for (int s = 0; s < sides; s++) {
                    if (best[s] != null) {
                        for (int i = 0; i < rightWidths[s]; i++) {
                            out[at + i] = best[s].get(i);
                        }
                    }
                    at += rightWidths[s];
                }
                return RowFactory.create(out);
            }

            private boolean sameKey(Row row) {
                for (int i = 0; i < keyCount; i++) {
                    if (!java.util.Objects.equals(key[i], row.get(i))) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    /** Ranking values (after the {@code width} columns) compare left to right; NULL is smallest. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareRank(Row a, Row b, int width, int count) {
        for (int i = width; i < width + count; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? -1 : 1;
                }
                continue;
            }
            int c = ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

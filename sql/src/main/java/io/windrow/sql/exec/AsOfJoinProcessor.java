package io.windrow.sql.exec;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Executor side of an as-of LAST JOIN: streams left and right rows of one partition sorted by
 * (key, time, side, ranking) and gives each left row the best right row seen so far for its key.
 * Row layout: key columns, time, side (0 right, 1 left; at equal time right rows come first when
 * the predicate is inclusive), then the left columns (NULL on right rows), then the right columns
 * and the right ranking values (NULL on left rows).
 */
final class AsOfJoinProcessor implements MapPartitionsFunction<Row, Row> {
    private final int keyCount;
    private final int leftCount;
    private final int rightCount;
    private final int rankCount;

    AsOfJoinProcessor(int keyCount, int leftCount, int rightCount, int rankCount) {
        this.keyCount = keyCount;
        this.leftCount = leftCount;
        this.rightCount = rightCount;
        this.rankCount = rankCount;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        int leftStart = keyCount + 2;
        int rightStart = leftStart + leftCount;
        int rankStart = rightStart + rightCount;
        return new SkippingIterator<>(input) {
            private Object[] key;
            private Object[] best;
            private Object[] bestRank;
            @Override
            protected Row process(Row row) {
                Object[] rowKey = new Object[keyCount];
                for (int i = 0; i < keyCount; i++) {
                    rowKey[i] = row.get(i);
                }
                if (!Arrays.equals(rowKey, key)) {
                    key = rowKey;
                    best = null;
                    bestRank = null;
                }
                boolean left = row.getInt(keyCount + 1) == 1;
                if (!left) {
                    Object[] rank = new Object[rankCount];
                    for (int i = 0; i < rankCount; i++) {
                        rank[i] = row.get(rankStart + i);
                    }
                    if (best == null || compareRank(rank, bestRank) >= 0) {
                        best = new Object[rightCount];
                        for (int i = 0; i < rightCount; i++) {
                            best[i] = row.get(rightStart + i);
                        }
                        bestRank = rank;
                    }
                    return null;
                }
                Object[] out = new Object[leftCount + rightCount];
                for (int i = 0; i < leftCount; i++) {
                    out[i] = row.get(leftStart + i);
                }
                if (best != null && !anyNull(key)) {
                    System.arraycopy(best, 0, out, leftCount, rightCount);
                }
                return RowFactory.create(out);
            }
        };
    }

    private static boolean anyNull(Object[] values) {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /** Ranking values compare left to right; NULL is smaller than any value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareRank(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                if (a[i] != b[i]) {
                    return a[i] == null ? -1 : 1;
                }
                continue;
            }
            int c = ((Comparable) a[i]).compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

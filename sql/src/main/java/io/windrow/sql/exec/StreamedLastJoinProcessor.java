package io.windrow.sql.exec;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * Executor side of {@link StreamedLastJoin}: streams the left and right rows of one partition
 * sorted by (key, time, side) and gives each left row, per right input, the best right row seen so
 * far for its key: the largest ORDER BY value (NULL smallest), then the latest right input
 * position. Row layout: key columns, the time (when the join has a time predicate), the side
 * (0..n-1 a right input, else the left), the left row packed in a struct, then one struct per right
 * input holding its columns followed by its ranking values. Rows stay in Spark's internal format
 * ({@link InternalRowOperator}); the kept best right rows are copies.
 */
final class StreamedLastJoinProcessor implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private final DataType[] keyTypes;
    private final boolean timed;
    private final StructType left;
    private final StructType[] rights;
    private final int[] rightWidths;

    /** {@code rights[s]} holds right input s's {@code rightWidths[s]} columns, then its ranking values. */
    StreamedLastJoinProcessor(DataType[] keyTypes, boolean timed, StructType left, StructType[] rights, int[] rightWidths) {
        this.keyTypes = keyTypes.clone();
        this.timed = timed;
        this.left = left;
        this.rights = rights.clone();
        this.rightWidths = rightWidths.clone();
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        int keyCount = keyTypes.length;
        int[] keyOrdinals = IntStream.range(0, keyCount).toArray(); // keys lead the row
        int sideIndex = keyCount + (timed ? 1 : 0);
        int leftIndex = sideIndex + 1;
        int firstRight = leftIndex + 1;
        int sides = rights.length;
        int leftWidth = left.fields().length;
        int outWidth = leftWidth + Arrays.stream(rightWidths).sum();
        return new SkippingIterator<>(input) {
            private final CurrentKey key = new CurrentKey(keyOrdinals, keyTypes);
            private final InternalRow[] best = new InternalRow[sides];

            @Override
            protected InternalRow process(InternalRow row) {
                if (!key.matches(row)) {
                    key.moveTo(row);
                    Arrays.fill(best, null);
                }
                int side = row.getInt(sideIndex);
                if (side >= 0 && side < sides) {
                    InternalRow candidate = row.getStruct(firstRight + side, rights[side].fields().length);
                    if (best[side] == null || compareRank(candidate, best[side], side) >= 0) {
                        best[side] = candidate.copy(); // Spark reuses the row's buffer
                    }
                    return null;
                }
                Object[] out = new Object[outWidth];
                InternalRow leftRow = row.getStruct(leftIndex, leftWidth);
                for (int i = 0; i < leftWidth; i++) {
                    out[i] = InternalRowOperator.valueAt(leftRow, i, left.fields()[i].dataType());
                }
                int at = leftWidth;
                for (int s = 0; s < sides; s++) {
                    if (best[s] != null) {
                        for (int i = 0; i < rightWidths[s]; i++) {
                            out[at + i] = InternalRowOperator.valueAt(best[s], i, rights[s].fields()[i].dataType());
                        }
                    }
                    at += rightWidths[s];
                }
                return new GenericInternalRow(out);
            }
        };
    }

    /**
     * Ranking values (after right input {@code side}'s columns) compare left to right; NULL is
     * smallest. Strings compare by their UTF-8 bytes, as OpenMLDB's C++ engine does.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compareRank(InternalRow a, InternalRow b, int side) {
        StructType type = rights[side];
        for (int i = rightWidths[side]; i < type.fields().length; i++) {
            DataType fieldType = type.fields()[i].dataType();
            Object x = InternalRowOperator.valueAt(a, i, fieldType);
            Object y = InternalRowOperator.valueAt(b, i, fieldType);
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

package io.windrow.sql.exec;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

import java.math.BigInteger;
import java.util.Optional;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;

/**
 * Puts result rows back in the main table's input order without a global sort. The high bits of a
 * row's {@link Columns#POSITION} name the file it was read from (or, for tables not read from files,
 * the Spark partition; see {@link InputPosition}), so rows go straight to an output partition chosen
 * by those bits and are sorted within it: output partition i holds a run of consecutive files (or
 * input partition i), in order. A range-partitioned {@code orderBy} would first run the whole
 * upstream stage once more to sample its bounds.
 *
 * <p>The number of output partitions is estimated the way Spark splits files (size over
 * {@code spark.sql.files.maxPartitionBytes}, at least the default parallelism). Files are shared
 * out as consecutive runs; when there are fewer files than partitions (one large parquet file), rows
 * are, by their index in the file, after one small job that counts each file's rows. Either way the
 * split depends on the files and the estimate, never on how Spark split the input, so the output is
 * the same for any cluster. Without files, input partitions beyond the estimate all go to the last
 * output partition, which keeps the order correct.
 */
final class InputOrder {
    /** Spark's seed for HashPartitioning's Murmur3Hash. */
    private static final int HASH_SEED = 42;
    private static final int MAX_PARTITIONS = 10_000;

    private InputOrder() {}

    /** {@code rows} in position order, over about as many partitions as {@code input} has. */
    static Dataset<Row> restore(Dataset<Row> rows, Dataset<Row> input) {
        int estimate = estimatedPartitions(input);
        InputPosition position = InputPosition.of(input);
        Column group = shiftrightunsigned(col(Columns.POSITION), InputPosition.ROW_BITS);
        int partitions;
        Column target;
        Optional<long[]> offsets = Optional.empty();
        if (position.files().isPresent() && position.files().getAsInt() < estimate) {
            offsets = position.rowOffsets(input);
        }
        if (offsets.isPresent() && offsets.get()[offsets.get().length - 1] > 0) {
            // Fewer files than partitions (one large file, say): even runs of rows across the files.
            long[] before = offsets.get();
            long total = before[before.length - 1];
            partitions = estimate;
            Column row = col(Columns.POSITION).bitwiseAND(lit(InputPosition.ROW_MASK));
            Column globalRow = element_at(lit(before), group.plus(1).cast("int")).plus(row);
            target = evenShare(globalRow, partitions, total);
        } else if (position.files().isPresent()) {
            // Consecutive runs of files, as even in file count as integer division makes them.
            int files = position.files().getAsInt();
            partitions = Math.min(estimate, files);
            target = evenShare(group, partitions, files);
        } else {
            partitions = estimate;
            target = least(group.cast("int"), lit(partitions - 1));
        }
        return repartitionById(rows, partitions, target).sortWithinPartitions(col(Columns.POSITION));
    }

    /** {@code index * partitions / count} rounded down: a non-decreasing partition for each index below count. */
    private static Column evenShare(Column index, int partitions, long count) {
        return least(index.multiply(lit((long) partitions)).divide(lit(count)).cast("int"), lit(partitions - 1));
    }

    /**
     * Sends each row to the partition its id (0 to partitions - 1) names. Spark 4.1 has this as
     * {@code Dataset.repartitionById}; on 4.0 each id is replaced by a value that hash partitioning
     * (pmod of Murmur3 with seed 42) maps to exactly that partition.
     */
    static Dataset<Row> repartitionById(Dataset<Row> rows, int partitions, Column id) {
        int[] valueFor = new int[partitions];
        boolean[] found = new boolean[partitions];
        int missing = partitions;
        for (int value = 0; missing > 0; value++) {
            int target = Math.floorMod(Murmur3_x86_32.hashInt(value, HASH_SEED), partitions);
            if (!found[target]) {
                found[target] = true;
                valueFor[target] = value;
                missing--;
            }
        }
        Column hashValue = element_at(lit(valueFor), id.plus(1));
        return rows.repartition(partitions, hashValue);
    }

    private static int estimatedPartitions(Dataset<Row> input) {
        BigInteger bytes = input.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
        long maxPartitionBytes = Math.max(1, SQLConf.get().filesMaxPartitionBytes());
        long bySize = bytes.divide(BigInteger.valueOf(maxPartitionBytes)).min(BigInteger.valueOf(MAX_PARTITIONS))
                .longValue() + 1;
        int parallelism = input.sparkSession().sparkContext().defaultParallelism();
        return (int) Math.min(MAX_PARTITIONS, Math.max(parallelism, bySize));
    }
}

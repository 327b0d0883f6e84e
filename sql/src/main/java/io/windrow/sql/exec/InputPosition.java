package io.windrow.sql.exec;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.shiftrightunsigned;

/**
 * Where a row of an input table stands in the table's input order, as one long that sorts in that
 * order: the engine's {@link Columns#POSITION}, which breaks ties (equal times, LAST JOIN without
 * ORDER BY) and orders the output.
 *
 * <p>For a table read from files the input order is canonical: files in path order, rows in file
 * order, and the position is {@code fileRank << 33 | rowInFile}. It must not follow Spark's
 * partitions: Spark cuts large files into splits and packs the splits into partitions largest
 * first, with a split size that follows {@code spark.sql.files.maxPartitionBytes} and the cluster's
 * core count, so the same files would read in a different order on a bigger cluster and give
 * different bytes. The row in the file is parquet's row index ({@code _metadata.row_index}), or for
 * files Spark does not split (CSV read as {@code TableLoader} reads it, compressed text) the row's
 * place in its partition, which holds the whole file. Any other table (built in memory, a join, a
 * splittable format without row indexes) falls back to {@code monotonically_increasing_id}: its
 * partition {@code << 33 | row}, as deterministic as its partitioning.
 */
public final class InputPosition {
    /** Low bits of a position that count rows; the bits above name the file (or the partition). */
    static final int ROW_BITS = 33;
    static final long ROW_MASK = (1L << ROW_BITS) - 1;
    private static final int MAX_FILES = 1 << 29;

    private final Column column;
    private final int files;
    private final boolean rowIndexes;

    private InputPosition(Column column, int files, boolean rowIndexes) {
        this.column = requireNonNull(column, "column");
        this.files = files;
        this.rowIndexes = rowIndexes;
    }

    /** The position of {@code table}'s rows (see the class comment for which order it follows). */
    public static InputPosition of(Dataset<Row> table) {
        requireNonNull(table, "table");
        HadoopFsRelation relation = singleFileRelation(table.queryExecution().analyzed());
        if (relation == null) {
            return partitionOrder();
        }
        String[] files = relation.location().inputFiles().clone();
        if (files.length == 0 || files.length > MAX_FILES) {
            return partitionOrder();
        }
        Arrays.sort(files);
        Column row;
        if (relation.fileFormat() instanceof ParquetFileFormat) {
            row = metadata("row_index");
        } else if (Arrays.stream(files).noneMatch(file -> relation.fileFormat()
                .isSplitable(table.sparkSession(), relation.options(), new Path(file)))) {
            row = monotonically_increasing_id().bitwiseAND(lit(ROW_MASK));
        } else {
            return partitionOrder();
        }
        Column position = shiftleft(fileRank(files).apply(metadata("file_path")).cast("long"), ROW_BITS).plus(row);
        try {
            table.select(position).queryExecution().assertAnalyzed();
        } catch (Exception e) {
            // The file's metadata columns do not resolve through every plan (an aggregate hides them).
            if (!(e instanceof AnalysisException)) {
                throw e;
            }
            return partitionOrder();
        }
        return new InputPosition(position, files.length, relation.fileFormat() instanceof ParquetFileFormat);
    }

    /**
     * The position a table read from these parquet files (sorted, as Spark lists them) gives its rows:
     * the same value whatever subset of the files a query reads, so a run over some of a table's
     * partitions can order and break ties as a run over all of them does.
     */
    public static Column ofParquetFiles(String[] sortedFiles) {
        return shiftleft(fileRank(sortedFiles).apply(metadata("file_path")).cast("long"), ROW_BITS)
                .plus(metadata("row_index"));
    }

    /** The file rank in a position (its bits above the row count). */
    public static Column fileRank(Column position) {
        return shiftrightunsigned(position, ROW_BITS);
    }

    /** The smallest position of a row of the file of rank {@code rank}. */
    public static long firstOfFile(int rank) {
        return ((long) rank) << ROW_BITS;
    }

    /** The position column, to be selected over the table it was made for. */
    public Column column() {
        return column;
    }

    /** The number of files when positions start with a file rank; empty when they start with a Spark partition. */
    OptionalInt files() {
        return files > 0 ? OptionalInt.of(files) : OptionalInt.empty();
    }

    /**
     * For positions made of a file rank and the row's index in its file: the number of rows before
     * each file, by rank, then the number of all rows ({@code files + 1} values). Runs one Spark job
     * over {@code table} that reads row counts, not columns; only the counts reach the driver.
     */
    Optional<long[]> rowOffsets(Dataset<Row> table) {
        if (!rowIndexes) {
            return Optional.empty();
        }
        long[] offsets = new long[files + 1];
        Column rank = shiftrightunsigned(column, ROW_BITS).cast("int").as("rank");
        for (Row count : table.select(rank).groupBy("rank").count().collectAsList()) {
            offsets[count.getInt(0) + 1] = count.getLong(1);
        }
        for (int i = 1; i <= files; i++) {
            offsets[i] += offsets[i - 1];
        }
        return Optional.of(offsets);
    }

    /** A field of Spark's hidden {@code _metadata} column of file sources. */
    private static Column metadata(String field) {
        return org.apache.spark.sql.functions.col("_metadata").getField(field);
    }

    private static InputPosition partitionOrder() {
        return new InputPosition(monotonically_increasing_id(), 0, false);
    }

    /** The one file-backed relation {@code plan} reads, or null when it reads anything else too. */
    private static HadoopFsRelation singleFileRelation(LogicalPlan plan) {
        scala.collection.Seq<LogicalPlan> leaves = plan.collectLeaves();
        if (leaves.size() != 1 || !(leaves.head() instanceof LogicalRelation logical)
                || !(logical.relation() instanceof HadoopFsRelation relation)) {
            return null;
        }
        return relation;
    }

    /** A file's rank in {@code sortedFiles}; Spark spells a path in its metadata as Hadoop's {@code Path} does. */
    private static UserDefinedFunction fileRank(String[] sortedFiles) {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < sortedFiles.length; i++) {
            ranks.put(sortedFiles[i], i);
            ranks.putIfAbsent(new Path(sortedFiles[i]).toString(), i);
        }
        UDF1<String, Integer> rank = path -> {
            Integer found = ranks.get(path);
            if (found == null) {
                found = ranks.get(new Path(path).toString());
            }
            if (found == null) {
                throw new IllegalStateException("input file " + path + " was not in the table's file listing");
            }
            return found;
        };
        return org.apache.spark.sql.functions.udf(rank, DataTypes.IntegerType).asNonNullable();
    }
}

package io.windrow.sql.range;

import io.windrow.sql.ddl.DatePartitions;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableInputException;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.sql.exec.Columns;
import io.windrow.sql.exec.InputPosition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.to_date;

/**
 * The inputs of a range run: for the main rows of the date partitions [{@code start}, {@code end}),
 * each table is read as the {@link HistoryRule} says, as a full run over the partitions before
 * {@code end} would see it. A date-partitioned table is read whole from the day its longest
 * ROWS_RANGE span reaches back to; from older partitions only the rows a ROWS n frame or a LAST
 * JOIN can still pick (the latest per key) are kept. Every row carries the position a full run
 * gives it (files in path order, see {@link InputPosition#ofParquetFiles}), so ties and output
 * order are those of a full run and the output is byte for byte the range's rows of a full run.
 *
 * <p>The rule assumes each partition holds the rows dated on its day (by the order keys windows
 * use); the partitions read whole are checked and a row outside its partition's day is an error
 * naming the partition.
 */
public final class RangeInputs {
    private static final long DAY_MILLIS = 86_400_000L;

    private RangeInputs() {}

    /** How a table is given to a range run. */
    public sealed interface Input permits Whole, Partitioned {}

    /** A table read whole whatever the range (not date-partitioned: a dimension table, an empty one). */
    public record Whole(Dataset<Row> table) implements Input {
        public Whole {
            requireNonNull(table, "table");
        }
    }

    /** A date-partitioned parquet table. */
    public record Partitioned(TableDefinition definition, DatePartitions partitions) implements Input {
        public Partitioned {
            requireNonNull(definition, "definition");
            requireNonNull(partitions, "partitions");
        }
    }

    /** What a range run read of one partitioned table: partitions read whole, and older ones reduced to keyed rows. */
    public record Read(String table, LocalDate from, int wholePartitions, int reducedPartitions, int allPartitions,
            String rule) {}

    /**
     * The tables for the engine (with {@code __pos}), the position from which main rows are output
     * ({@code Long.MAX_VALUE} when the range has no main partition) and what was read.
     */
    public record Prepared(Map<String, Dataset<Row>> tables, long minPosition, List<Read> reads) {
        public Prepared {
            tables = Map.copyOf(tables);
            reads = List.copyOf(reads);
        }

        /** Whether the range has main-table partitions at all. */
        public boolean hasRows() {
            return minPosition != Long.MAX_VALUE;
        }
    }

    /** The inputs of a run for [{@code start}, {@code end}); runs Spark jobs only for the checks. */
    public static Prepared prepare(SparkSession spark, HistoryRule.History history, Map<String, Input> inputs,
            LocalDate start, LocalDate end) {
        requireNonNull(spark, "spark");
        requireNonNull(history, "history");
        requireNonNull(inputs, "inputs");
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("range start " + start + " is not before its end " + end);
        }
        if (!(inputs.get(history.mainTable()) instanceof Partitioned)) {
            throw new UnsupportedRangeException("a range run needs the main table " + history.mainTable()
                    + " to be date-partitioned");
        }
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        List<Read> reads = new ArrayList<>();
        long minPosition = Long.MAX_VALUE;
        for (Map.Entry<String, Input> entry : inputs.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue() instanceof Whole whole) {
                tables.put(name, whole.table());
                continue;
            }
            Partitioned partitioned = (Partitioned) entry.getValue();
            HistoryRule.TableNeed need = history.need(name);
            List<DatePartitions.Partition> available = partitioned.partitions().between(null, end);
            LocalDate from = need.allHistory() ? null
                    : LocalDate.ofEpochDay(Math.floorDiv(start.toEpochDay() * DAY_MILLIS - need.spanMillis(), DAY_MILLIS));
            List<DatePartitions.Partition> recent = partitioned.partitions().between(from, end);
            List<DatePartitions.Partition> older = partitioned.partitions().between(null, from == null ? LocalDate.MIN : from);
            String[] files = files(spark, partitioned, available);
            Column position = files.length == 0 ? lit(0L) : InputPosition.ofParquetFiles(files);
            TableDefinition definition = partitioned.definition();
            Dataset<Row> table = TableLoader.partitions(spark, definition, recent, position, Columns.POSITION);
            checkDays(spark, definition, recent, files, table, need);
            String rule = need.allHistory() ? "all history" : "from " + from;
            if (!older.isEmpty() && !need.keyed().isEmpty()) {
                table = table.unionByName(latest(TableLoader.partitions(spark, definition, older, position, Columns.POSITION),
                        need.keyed()));
                rule += " + " + need.keyed().stream().map(k -> "latest " + k.rows() + " per " + String.join(",", k.keys()))
                        .distinct().reduce((a, b) -> a + ", " + b).orElse("");
            }
            tables.put(name, table);
            reads.add(new Read(name, from, recent.size(), need.keyed().isEmpty() ? 0 : older.size(), available.size(), rule));
            if (name.equals(history.mainTable())) {
                List<DatePartitions.Partition> range = partitioned.partitions().between(start, end);
                if (!range.isEmpty()) {
                    String first = firstFile(spark, range.get(0));
                    int rank = Arrays.binarySearch(files, first);
                    if (rank < 0) { // never guess where the range starts: every history row would be output
                        throw new IllegalStateException("range run: file " + first + " of " + range.get(0).path()
                                + " is not in the listing of " + name + "'s partitions");
                    }
                    minPosition = InputPosition.firstOfFile(rank);
                }
            }
        }
        for (HistoryRule.JoinCheck check : history.checks()) {
            joinCheck(spark, check, inputs, history.mainTable(), start, end);
        }
        return new Prepared(tables, minPosition, reads);
    }

    /** The files of these partitions as Spark lists them for one relation, sorted (the full run's order). */
    private static String[] files(SparkSession spark, Partitioned table, List<DatePartitions.Partition> partitions) {
        if (partitions.isEmpty()) {
            return new String[0];
        }
        String[] files = spark.read().schema(table.definition().schema())
                .parquet(partitions.stream().map(DatePartitions.Partition::path).toArray(String[]::new)).inputFiles().clone();
        Arrays.sort(files);
        return files;
    }

    private static String firstFile(SparkSession spark, DatePartitions.Partition partition) {
        String[] files = spark.read().parquet(partition.path()).inputFiles().clone();
        Arrays.sort(files);
        return files[0];
    }

    /** The older rows any keyed need can still pick: the latest {@code rows} per key, by order key then position. */
    private static Dataset<Row> latest(Dataset<Row> older, List<HistoryRule.KeyedRows> needs) {
        Column keep = lit(false);
        Dataset<Row> ranked = older;
        for (int i = 0; i < needs.size(); i++) {
            HistoryRule.KeyedRows need = needs.get(i);
            if (need.rows() <= 0) {
                continue;
            }
            Column[] keys = need.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
            Column[] order = need.order() == null
                    ? new Column[] {col(Columns.POSITION).desc()}
                    : new Column[] {col("`" + need.order() + "`").desc_nulls_last(), col(Columns.POSITION).desc()};
            String rank = "__keep" + i;
            ranked = ranked.withColumn(rank, row_number().over(Window.partitionBy(keys).orderBy(order)));
            keep = keep.or(col(rank).leq(lit(need.rows())));
            if (need.order() != null) {
                keep = keep.or(col("`" + need.order() + "`").isNull()); // where NULLs rank is the operator's business
            }
        }
        return ranked.filter(keep).select(Arrays.stream(older.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    }

    /** Every row of a partition read whole is dated on the partition's day by each order key windows use. */
    private static void checkDays(SparkSession spark, TableDefinition definition, List<DatePartitions.Partition> recent,
            String[] files, Dataset<Row> table, HistoryRule.TableNeed need) {
        if (recent.isEmpty() || need.timeColumns().isEmpty()) {
            return;
        }
        long[] fileDays = new long[files.length];
        for (int f = 0; f < files.length; f++) {
            fileDays[f] = Long.MIN_VALUE;
            for (DatePartitions.Partition partition : recent) {
                if (files[f].contains(new org.apache.hadoop.fs.Path(partition.path()).toUri().getPath() + "/")) {
                    fileDays[f] = partition.date().toEpochDay();
                }
            }
        }
        UDF1<Long, Long> dayOf = position -> fileDays[(int) (position >>> 33)];
        Column partitionDay = udf(dayOf, DataTypes.LongType).apply(col(Columns.POSITION));
        for (String column : need.timeColumns()) {
            Column value = col("`" + column + "`");
            Column day = definition.schema().apply(column).dataType().equals(DataTypes.TimestampType)
                    ? org.apache.spark.sql.functions.floor(org.apache.spark.sql.functions.unix_millis(value).divide(DAY_MILLIS))
                    : lit(null);
            if (day.toString().equals("NULL")) {
                continue; // an integer order key: no calendar day to check against
            }
            List<Row> wrong = table.filter(value.isNotNull().and(day.notEqual(partitionDay))).select(partitionDay, value)
                    .limit(1).collectAsList();
            if (!wrong.isEmpty()) {
                LocalDate partition = LocalDate.ofEpochDay(wrong.get(0).getLong(0));
                String path = recent.stream().filter(p -> p.date().equals(partition)).findFirst()
                        .map(DatePartitions.Partition::path).orElse(String.valueOf(partition));
                throw new TableInputException(definition.name(), path, "column " + column + " has the value "
                        + wrong.get(0).get(1) + ", not on the partition's day " + partition
                        + " (a range run needs each partition to hold its day's rows)");
            }
        }
    }

    private static void joinCheck(SparkSession spark, HistoryRule.JoinCheck check, Map<String, Input> inputs,
            String mainTable, LocalDate start, LocalDate end) {
        if (!(inputs.get(check.rightTable()) instanceof Partitioned right)) {
            return; // read whole: its rows have all their history
        }
        Partitioned main = (Partitioned) inputs.get(mainTable);
        List<DatePartitions.Partition> older = right.partitions().between(null, start);
        List<DatePartitions.Partition> range = main.partitions().between(start, end);
        if (older.isEmpty() || range.isEmpty()) {
            return;
        }
        Column[] leftKeys = check.leftKeys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
        Column[] rightKeys = check.rightKeys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
        Dataset<Row> left = TableLoader.partitions(spark, main.definition(), range, null, null).select(leftKeys).distinct();
        Dataset<Row> old = TableLoader.partitions(spark, right.definition(), older, null, null).select(rightKeys);
        Column on = lit(true);
        for (int i = 0; i < leftKeys.length; i++) {
            on = on.and(left.col("`" + check.leftKeys().get(i) + "`").equalTo(old.col("`" + check.rightKeys().get(i) + "`")));
        }
        long matches = left.join(old, on, "leftsemi").limit(1).count();
        if (matches > 0) {
            throw new UnsupportedRangeException("a LAST JOIN matches the range's " + mainTable + " rows by "
                    + String.join(", ", check.leftKeys()) + " to rows of " + check.rightTable() + " dated before " + start
                    + ", whose own features a range run does not compute: run the full history for this query");
        }
    }
}

package io.windrow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ddl.DatePartitions;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.range.HistoryRule;
import io.windrow.sql.range.RangeInputs;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

/**
 * {@code scripts/windrow bench nightly}: the seed's SQL over the generated JD tables written as
 * date partitions ({@code day=yyyy-MM-dd} by each table's time column, UTC), timing in one run the
 * nightly way of today (a full recompute over all partitions, cut to the last request day) against
 * a range run of that day ({@link RangeInputs}); checks the two outputs hold the same rows in the
 * same order (both ways of {@code exceptAll} over rows with their index, on the cluster) and
 * reports, per table, the share of rows read whole and the share scanned for older keyed rows.
 */
final class NightlyBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, String> TIME_COLUMNS = Map.of("flattenRequest", "eventTime", "action", "eventTime",
            "bo_user", "ingestionTime", "bo_action", "ingestionTime", "bo_product", "ingestionTime", "bo_comment", "ingestionTime");

    private static final List<String> SNAPSHOTS = List.of("bo_user", "bo_product");

    private NightlyBench() {}

    static StageResult run(StageContext context) throws Exception {
        Config config = context.stageConfig();
        SparkSession spark = context.spark();
        BenchTables inputs = BenchTables.locate(config.getString("input"), context.hadoopConf());
        Map<String, Dataset<Row>> raw = inputs.load(spark);
        StageOutput output = context.openOutput(config.getString("output"));
        String root = output.stagingPath("partitioned");
        Map<String, TableDefinition> ddl = new LinkedHashMap<>();
        Map<String, DatePartitions> partitions = new LinkedHashMap<>();
        Map<String, Dataset<Row>> snapshots = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset<Row>> table : raw.entrySet()) {
            String name = table.getKey();
            TableDefinition definition = new TableDefinition(name, StructType.fromDDL(BenchTables.SCHEMAS.get(name)));
            ddl.put(name, definition);
            if (SNAPSHOTS.contains(name)) {
                // Dimension tables (user and product profiles, ingested over years) stay one snapshot, read whole.
                snapshots.put(name, TableLoader.load(spark, definition, inputs.folders().get(name).orElseThrow(), "parquet"));
                continue;
            }
            Column day = date_add(lit(LocalDate.EPOCH.toString()).cast("date"),
                    floor(unix_millis(col(TIME_COLUMNS.get(name))).divide(86_400_000L)).cast("int")).cast("string");
            table.getValue().withColumn("day", day).write().mode(SaveMode.Overwrite).partitionBy("day")
                    .parquet(new Path(root, name).toString());
            partitions.put(name, DatePartitions.list(context.hadoopConf(), name, new Path(root, name).toString(), "day",
                    "yyyy-MM-dd"));
        }
        List<DatePartitions.Partition> requestDays = partitions.get("flattenRequest").partitions();
        if (requestDays.isEmpty()) {
            throw new WindrowException("bench nightly: no requests in " + config.getString("input"));
        }
        LocalDate last = requestDays.get(requestDays.size() - 1).date();
        LocalDate end = last.plusDays(1);
        Select query = Parser.parseScript(readSql(config.getString("sql"))).query();
        FeatureEngine engine = new FeatureEngine(spark);

        // Today's nightly way: everything recomputed, then cut to the day.
        String fullPath = output.stagingPath("full");
        long fullStart = System.nanoTime();
        Map<String, Dataset<Row>> whole = new LinkedHashMap<>();
        ddl.forEach((name, definition) -> whole.put(name, snapshots.containsKey(name) ? snapshots.get(name)
                : TableLoader.partitions(spark, definition, partitions.get(name).between(null, end), null, null)));
        Column time = col("flattenRequest_eventTime_original_0");
        java.sql.Timestamp from = new java.sql.Timestamp(last.toEpochDay() * 86_400_000L);
        java.sql.Timestamp until = new java.sql.Timestamp(end.toEpochDay() * 86_400_000L);
        engine.run(query, whole).output().filter(time.geq(from).and(time.lt(until))).coalesce(1).write().parquet(fullPath);
        double fullSeconds = (System.nanoTime() - fullStart) / 1e9;

        // The range run of the day.
        String rangePath = output.stagingPath("range");
        long rangeStart = System.nanoTime();
        Map<String, Dataset<Row>> schemas = new LinkedHashMap<>();
        Map<String, RangeInputs.Input> ranged = new LinkedHashMap<>();
        ddl.forEach((name, definition) -> {
            schemas.put(name, TableLoader.empty(spark, definition));
            ranged.put(name, snapshots.containsKey(name) ? new RangeInputs.Whole(snapshots.get(name))
                    : new RangeInputs.Partitioned(definition, partitions.get(name)));
        });
        HistoryRule.History history = HistoryRule.derive(engine.plan(query, schemas));
        RangeInputs.Prepared prepared = RangeInputs.prepare(spark, history, ranged, last, end);
        engine.run(query, prepared.tables(), prepared.minPosition()).output().coalesce(1).write().parquet(rangePath);
        double rangeSeconds = (System.nanoTime() - rangeStart) / 1e9;

        Dataset<Row> full = indexed(spark, fullPath);
        Dataset<Row> range = indexed(spark, rangePath);
        long fullRows = full.count();
        long rangeRows = range.count();
        boolean equal = fullRows == rangeRows && full.exceptAll(range).isEmpty() && range.exceptAll(full).isEmpty();

        Map<String, Object> shares = new LinkedHashMap<>();
        for (RangeInputs.Read read : prepared.reads()) {
            TableDefinition definition = ddl.get(read.table());
            DatePartitions listed = partitions.get(read.table());
            long total = count(spark, definition, listed.between(null, end));
            long wholeRows = count(spark, definition, listed.between(read.from(), end));
            long scanned = read.reducedPartitions() > 0 ? total : wholeRows;
            Map<String, Object> share = new LinkedHashMap<>();
            share.put("rows", total);
            share.put("read_whole", round(total == 0 ? 0 : (double) wholeRows / total));
            share.put("scanned_for_keyed_rows", round(total == 0 ? 0 : (double) scanned / total));
            share.put("rule", read.rule());
            shares.put(read.table(), share);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "nightly");
        report.put("day", last.toString());
        report.put("days", requestDays.size());
        report.put("requests", whole.get("flattenRequest").count());
        report.put("full_recompute_seconds", round(fullSeconds));
        report.put("range_run_seconds", round(rangeSeconds));
        report.put("ratio", round(fullSeconds / rangeSeconds));
        report.put("rows", rangeRows);
        report.put("rows_equal", equal);
        report.put("tables", shares);
        report.put("read_whole_snapshots", SNAPSHOTS);
        String json = JSON.writeValueAsString(report);
        System.out.println(json);
        Path report_ = new Path(output.stagingPath(), "bench-nightly.json");
        try (var out = report_.getFileSystem(context.hadoopConf()).create(report_)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        output.metric("ratio", round(fullSeconds / rangeSeconds)).metric("rows_equal", equal ? 1 : 0);
        if (!equal) {
            throw new WindrowException("bench nightly: the range run of " + last + " (" + rangeRows
                    + " rows) differs from the full recompute cut to that day (" + fullRows + " rows)");
        }
        return new StageResult(String.format(Locale.ROOT, "nightly day %s: full recompute %.1f s, range run %.1f s, %.1fx, "
                + "%d rows equal -> %s", last, fullSeconds, rangeSeconds, fullSeconds / rangeSeconds, rangeRows, output.path()));
    }

    private static Dataset<Row> indexed(SparkSession spark, String path) {
        // Each result is one file in the engine's order: the row's index in it says where it stands.
        return spark.read().parquet(path).withColumn("__row", col("_metadata.row_index"));
    }

    private static long count(SparkSession spark, TableDefinition definition, List<DatePartitions.Partition> partitions) {
        return partitions.isEmpty() ? 0 : TableLoader.partitions(spark, definition, partitions, null, null).count();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String readSql(String path) throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of(path));
    }
}

package io.windrow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.sql.FeatureEngine;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code scripts/windrow bench features}: times the seed's 42 JD features computed three ways on
 * the same input tables: Windrow's {@link FeatureEngine} running the seed's SQL, the native Spark
 * baseline ({@link NativeSparkFeatures}) and DuckDB ({@link DuckDbFeatures}). Each writes its
 * result as parquet under the output; then all results are checked against the baseline row by row
 * ({@link ResultAgreement}). Optionally it also times the {@link ShuffleFloor}, the least work any
 * plan of these features does on stock Spark. Prints the figures (seconds, rows/s, peak heap and
 * RSS, ratios) as JSON and one summary line, and writes the JSON to {@code bench.json} in the output.
 */
public final class BenchStage implements Stage {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String WINDROW = "windrow";
    static final String NATIVE = "native-spark";
    static final String DUCKDB = "duckdb";
    static final String FLOOR = "shuffle-floor";

    public static void main(String[] args) {
        StageMain.main(new BenchStage(), args);
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "benchmark the JD features: Windrow vs native Spark vs DuckDB, checking they agree (args: features); also: bench train, bench serve";
    }

    /** bench serve reads the service's keys and serve.bench. */
    @Override
    public List<String> configSections() {
        return List.of(name(), "serve");
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        List<String> arguments = context.arguments();
        if (arguments.equals(List.of("train"))) {
            return io.windrow.jobs.train.TrainBench.run(context); // the trainer's benchmark (train.bench keys)
        }
        if (arguments.equals(List.of("serve"))) {
            return io.windrow.jobs.serve.ServeBench.run(context); // the predict service's (serve.* and serve.bench keys)
        }
        if (arguments.equals(List.of("nightly"))) {
            return NightlyBench.run(context); // a range run of the last day against a full recompute cut to it
        }
        if (!arguments.equals(List.of("features")) && !arguments.isEmpty()) {
            throw new WindrowException("bench: unknown benchmark " + arguments
                    + " (scripts/windrow bench features, bench train, bench serve or bench nightly)");
        }
        Config config = context.stageConfig();
        List<String> engines = config.getStringList("engines");
        for (String engine : engines) {
            if (!List.of(WINDROW, NATIVE, DUCKDB, FLOOR).contains(engine)) {
                throw new WindrowException("bench.engines: unknown engine '" + engine + "' (windrow, native-spark, duckdb, shuffle-floor)");
            }
        }
        SparkSession spark = context.spark();
        BenchTables inputs = BenchTables.locate(config.getString("input"), context.hadoopConf());
        Map<String, Dataset<Row>> tables = inputs.load(spark);
        long requests = tables.get("flattenRequest").count();
        long expected = config.getLong("requests");
        if (expected > 0 && expected != requests) {
            throw new WindrowException("bench.requests = " + expected + " but " + config.getString("input")
                    + " holds " + requests + " requests (generate them with --set generate.requests=" + expected + ")");
        }
        String sql = readSql(config.getString("sql"));
        StageOutput output = context.openOutput(config.getString("output"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "features");
        report.put("requests", requests);
        report.put("input", config.getString("input"));
        report.put("spark_master", spark.sparkContext().master());
        report.put("spark_cores", spark.sparkContext().defaultParallelism());
        Map<String, Map<String, Object>> runs = new LinkedHashMap<>();
        Map<String, String> results = new LinkedHashMap<>();
        int repeats = Math.max(1, config.getInt("runs"));
        for (String engine : engines) {
            String resultPath = output.stagingPath(engine);
            if (!engine.equals(FLOOR)) {
                results.put(engine, resultPath);
            }
            Runnable run = switch (engine) {
                case FLOOR -> () -> ShuffleFloor.run(tables);
                case WINDROW -> () -> write(new FeatureEngine(spark).execute(sql, tables), resultPath);
                case NATIVE -> () -> write(NativeSparkFeatures.compute(tables), resultPath);
                default -> () -> {
                    java.nio.file.Path folder = localPath(resultPath);
                    createDirectories(folder);
                    DuckDbRun.writeFeatures(inputs.localFolders(), folder.resolve("part-0.parquet").toString(),
                            config.getInt("duckdb-threads"), folder.resolve("_duckdb_tmp").toString());
                    deleteTree(folder.resolve("_duckdb_tmp"));
                };
            };
            runs.put(engine, time(run, repeats, requests));
        }
        report.put("runs", runs);
        report.put("ratios", ratios(runs));

        Map<String, Object> agreement = new LinkedHashMap<>();
        boolean allAgree = true;
        String reference = results.containsKey(NATIVE) ? NATIVE : results.keySet().stream().findFirst().orElse(null);
        List<String> columns = NativeSparkFeatures.COLUMNS.subList(1, NativeSparkFeatures.COLUMNS.size());
        for (String engine : results.keySet()) {
            if (engine.equals(reference)) {
                continue;
            }
            Dataset<Row> baseline = spark.read().parquet(results.get(reference));
            ResultAgreement.Report check = ResultAgreement.compare(baseline, spark.read().parquet(results.get(engine)),
                    "reqId_1", columns, config.getDouble("tolerance"), config.getInt("max-mismatches"));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("agrees", check.agrees());
            entry.put("rows", List.of(check.leftRows(), check.rightRows()));
            entry.put("duplicate_keys", check.duplicateKeys());
            entry.put("mismatching_rows", check.mismatches());
            entry.put("first_mismatches", check.examples());
            agreement.put(engine + "_vs_" + reference, entry);
            allAgree &= check.agrees();
        }
        report.put("agreement", agreement);
        report.put("all_agree", allAgree);

        String json = JSON.writeValueAsString(report);
        writeText(context, output.stagingPath("bench.json"), json);
        String line = summaryLine(requests, runs, allAgree);
        System.out.println(json);
        System.out.println(line);
        System.out.flush();
        output.metric("requests", requests).metric("all_agree", allAgree);
        runs.forEach((engine, figures) -> output.metric(engine + "_seconds", figures.get("seconds")));
        if (!allAgree && config.getBoolean("fail-on-mismatch")) {
            throw new WindrowException("bench: the results disagree (see the agreement section above)");
        }
        return new StageResult(line);
    }

    private static void write(Dataset<Row> result, String path) {
        result.write().mode(SaveMode.Overwrite).parquet(path);
    }

    /** Runs {@code run} {@code repeats} times; keeps the fastest run's figures. */
    private static Map<String, Object> time(Runnable run, int repeats, long requests) {
        double best = Double.MAX_VALUE;
        long heap = 0;
        OptionalLong rss = OptionalLong.empty();
        for (int i = 0; i < repeats; i++) {
            PeakMemory.reset();
            long start = System.nanoTime();
            run.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (seconds < best) {
                best = seconds;
                heap = PeakMemory.heapPeakBytes();
                rss = PeakMemory.rssPeakBytes();
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seconds", round(best));
        figures.put("rows_per_s", Math.round(requests / best));
        figures.put("peak_heap_mb", heap / (1024 * 1024));
        rss.ifPresent(bytes -> figures.put("peak_rss_mb", bytes / (1024 * 1024)));
        return figures;
    }

    /**
     * The ratios reported, as (slower, faster) pairs present in the run: each baseline over Windrow,
     * and, with the shuffle floor measured, native Spark and Windrow over it (native over floor is
     * the most any engine on stock Spark could gain on native).
     */
    private static List<List<String>> ratioPairs(Map<String, Map<String, Object>> runs) {
        List<List<String>> pairs = List.of(List.of(NATIVE, WINDROW), List.of(DUCKDB, WINDROW),
                List.of(NATIVE, FLOOR), List.of(WINDROW, FLOOR));
        return pairs.stream().filter(pair -> runs.keySet().containsAll(pair)).toList();
    }

    private static double ratio(Map<String, Map<String, Object>> runs, List<String> pair) {
        return (double) runs.get(pair.get(0)).get("seconds") / (double) runs.get(pair.get(1)).get("seconds");
    }

    private static Map<String, Object> ratios(Map<String, Map<String, Object>> runs) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (List<String> pair : ratioPairs(runs)) {
            ratios.put(pair.get(0) + "_over_" + pair.get(1), round(ratio(runs, pair)));
        }
        return ratios;
    }

    static String summaryLine(long requests, Map<String, Map<String, Object>> runs, boolean agree) {
        StringBuilder line = new StringBuilder("features on " + requests + " requests:");
        runs.forEach((engine, figures) -> line.append(String.format(Locale.ROOT, " %s %.1fs", engine, (double) figures.get("seconds"))));
        for (List<String> pair : ratioPairs(runs)) {
            line.append(String.format(Locale.ROOT, ", %s/%s %.2fx", pair.get(0), pair.get(1), ratio(runs, pair)));
        }
        line.append(agree ? "; all results agree" : "; RESULTS DISAGREE");
        return line.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String readSql(String path) {
        try {
            return Files.readString(java.nio.file.Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WindrowException("bench.sql: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static java.nio.file.Path localPath(String uri) {
        java.net.URI parsed = java.net.URI.create(uri);
        if (parsed.getScheme() != null && !parsed.getScheme().equals("file")) {
            throw new WindrowException("bench.output must be local when DuckDB runs (got " + uri + ")");
        }
        return parsed.getScheme() == null ? java.nio.file.Path.of(uri) : java.nio.file.Path.of(parsed);
    }

    private static void createDirectories(java.nio.file.Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(java.nio.file.Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // DuckDB's spill folder left behind is harmless.
        }
    }

    private static void writeText(StageContext context, String path, String text) throws IOException {
        Path target = new Path(path);
        try (var out = target.getFileSystem(context.hadoopConf()).create(target, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}

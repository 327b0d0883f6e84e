package io.windrow.jobs.preprocess;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.preprocess.CategoricalEncoding;
import io.windrow.preprocess.DefaultPreprocessor;
import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.preprocess.LabelRule;
import io.windrow.preprocess.PreprocessOptions;
import io.windrow.preprocess.PreprocessRun;
import io.windrow.preprocess.SplitOptions;
import io.windrow.preprocess.compat.CompatPreprocessor;
import io.windrow.preprocess.compat.CompatResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code preprocess} stage: reads the features table and writes DeepFM id tables, in the
 * default mode (fitted encodings, leak-free split, fitted.json + metadata.json, report on stdout)
 * or in {@code openmldb-compat} mode (the demo's hashed tables and data_info.txt).
 */
public final class PreprocessStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new PreprocessStage(), args);
    }

    @Override
    public String name() {
        return "preprocess";
    }

    @Override
    public String description() {
        return "turn the feature table into DeepFM id tables (train/val/test), fitted state and metadata";
    }

    @Override
    public StageResult run(StageContext context) {
        Config config = context.stageConfig();
        String input = config.getString("input");
        SparkSession spark = context.spark();
        StageOutput.requireComplete(input, "features output", context.hadoopConf());
        Dataset<Row> features = spark.read().parquet(input);
        String mode = config.getString("mode");
        StageOutput output = context.openOutput(config.getString("output"));
        switch (mode) {
            case "openmldb-compat" -> {
                CompatResult result = new CompatPreprocessor(spark).run(features, config.getStringList("compat.order-by"),
                        output.stagingPath());
                output.metric("mode", mode).metric("rows_train", result.trainRows()).metric("rows_test", result.testRows())
                        .metric("rows_val", result.valRows()).metric("table_size_array", result.tableSizeArray());
                System.out.printf(Locale.ROOT, "train samples = %d%nval samples = %d%ntest samples = %d%ntable size array:%n%s%n",
                        result.trainRows(), result.valRows(), result.testRows(), result.tableSizeArray());
                return new StageResult(String.format(Locale.ROOT, "openmldb-compat: train %d, test %d, val %d rows -> %s",
                        result.trainRows(), result.testRows(), result.valRows(), output.path()));
            }
            case "default" -> {
                PreprocessOptions options = options(config);
                String statePath = config.getString("fitted-state");
                FittedPreprocessor previous = statePath.isBlank() ? null : FittedPreprocessor.load(statePath, context.hadoopConf());
                PreprocessRun run = new DefaultPreprocessor(spark).run(features, options, previous, output.stagingPath());
                run.metrics().forEach(output::metric);
                System.out.print(run.report());
                return new StageResult(String.format(Locale.ROOT, "%d fields, %d ids; train %s, val %s, test %s rows -> %s",
                        run.fitted().fields().size(), run.fitted().totalIds(), run.metrics().get("rows_train"),
                        run.metrics().get("rows_val"), run.metrics().get("rows_test"), output.path()));
            }
            default -> throw new WindrowException("preprocess.mode '" + mode + "': expected default or openmldb-compat");
        }
    }

    /** The default mode's settings from the {@code preprocess} section. */
    public static PreprocessOptions options(Config config) {
        LabelRule label = new LabelRule(config.getString("label.column"), LabelRule.parseKind(config.getString("label.rule")),
                config.getDouble("label.threshold"), config.getString("label.expression"),
                LabelRule.parseMissing(config.getString("label.missing")));
        SplitOptions split = new SplitOptions(SplitOptions.parseBy(config.getString("split.by")),
                config.getString("split.time-column"), config.getString("split.hash-key"), config.getDouble("split.train"),
                config.getDouble("split.val"), config.getDouble("split.test"), config.getDouble("split.relative-error"));
        Map<String, CategoricalEncoding> encodings = new HashMap<>();
        Config perField = config.getConfig("categorical.encoding-per-field");
        perField.root().keySet().forEach(field ->
                encodings.put(field, CategoricalEncoding.parse(field, perField.root().get(field).unwrapped().toString())));
        return new PreprocessOptions(label,
                config.getStringList("features.select"),
                config.getStringList("features.exclude"),
                config.getBoolean("features.exclude-temporal"),
                config.getStringList("features.categorical"),
                config.getStringList("features.continuous"),
                config.getInt("continuous.buckets"),
                intMap(config.getConfig("continuous.buckets-per-field"), "preprocess.continuous.buckets-per-field"),
                config.getDouble("continuous.relative-error"),
                CategoricalEncoding.parse(null, config.getString("categorical.encoding")),
                encodings,
                config.getInt("categorical.hash-buckets"),
                intMap(config.getConfig("categorical.hash-buckets-per-field"), "preprocess.categorical.hash-buckets-per-field"),
                config.getLong("categorical.hash-seed"),
                config.getLong("categorical.min-count"),
                config.getInt("categorical.max-size"),
                split,
                config.getStringList("keep-columns"));
    }

    private static Map<String, Integer> intMap(Config map, String key) {
        Map<String, Integer> values = new HashMap<>();
        for (String field : map.root().keySet()) {
            Object value = map.root().get(field).unwrapped();
            try {
                values.put(field, Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException e) {
                throw new WindrowException(key + "." + field + ": expected a whole number, got '" + value + "'");
            }
        }
        return values;
    }

}

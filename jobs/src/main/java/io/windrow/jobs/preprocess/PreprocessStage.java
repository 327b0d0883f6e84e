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
    public void validate(Config config) {
        List<String> modes = List.of("default", "openmldb-compat");
        String mode = config.getString("preprocess.mode");
        if (!modes.contains(mode)) {
            throw new WindrowException("preprocess.mode '" + mode + "': expected default or openmldb-compat"
                    + io.windrow.jobs.config.Suggestions.didYouMean(mode, modes));
        }
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
                if (options.label().missing() == io.windrow.preprocess.LabelRule.MissingLabel.DROP) {
                    requireSomeLabel(features, options.label().column(), input);
                }
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

    /**
     * Fails, naming the cause, when no row has a label: otherwise every row is dropped as unlabelled
     * and the split reports its time column empty, which sends the user the wrong way. The usual
     * cause is the JD sample, which ships without the {@code action} table the label comes from.
     */
    private static void requireSomeLabel(Dataset<Row> features, String label, String input) {
        if (!java.util.Arrays.asList(features.columns()).contains(label)) {
            return; // the preprocessor names a missing column itself
        }
        if (features.where(org.apache.spark.sql.functions.col("`" + label + "`").isNotNull()).limit(1).count() == 0) {
            throw new io.windrow.jobs.InputDataException("preprocess.label.column: every value of label column '" + label
                    + "' in " + input + " is NULL, so no row can be trained on (on the JD sample the label comes from"
                    + " the `action` table, which it lacks: derive it with scripts/windrow samples --config"
                    + " conf/jd-labels.conf and point features.tables.action at it, see conf/jd-labels.conf)");
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

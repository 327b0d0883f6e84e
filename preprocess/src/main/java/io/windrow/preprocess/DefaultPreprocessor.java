package io.windrow.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The default (production) preprocessing: validates and derives the 0/1 label, selects fields,
 * splits without leakage (by time by default), fits encodings on the training split only (or
 * reuses a given fitted state), and writes {@code <output>/{train,val,test}} parquet (label + one
 * int id column per field), the fitted MLlib pipeline {@code pipeline/} ({@link PreprocessPipeline}),
 * {@code fitted.json}, {@code metadata.json} and {@code report.txt}. Only fitted statistics
 * and per-split aggregates reach the driver.
 */
public final class DefaultPreprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPreprocessor.class);
    public static final String METADATA_FILE = "metadata.json";
    public static final String REPORT_FILE = "report.txt";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;

    public DefaultPreprocessor(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark");
    }

    /**
     * Runs the whole preprocessing.
     *
     * @param previous a fitted state to apply instead of fitting (a later run over new data), or null
     */
    public PreprocessRun run(Dataset<Row> input, PreprocessOptions options, FittedPreprocessor previous, String outputDir) {
        requireNonNull(input, "input");
        requireNonNull(options, "options");
        requireNonNull(outputDir, "outputDir");
        LabelRule rule = previous != null ? previous.label() : options.label();
        checkLabelSource(input, rule);

        FeatureSelection selection = null;
        if (previous == null) {
            selection = FeatureSelection.select(input.schema(), options);
            LOG.info("preprocess: {} fields: {}", selection.fields().size(),
                    selection.fields().stream().map(f -> f.name() + (f.continuous() ? " (continuous)" : " (categorical)")).toList());
            LOG.info("preprocess: excluded columns: {}", selection.excluded());
        } else {
            previous.checkSchema(input.schema());
        }

        // Label: count missing and invalid values in one pass; invalid ones fail the run.
        Dataset<Row> labelled = input.withColumn(FittedPreprocessor.LABEL + "_rule", rule.label());
        Row labelStats = input.agg(count(lit(1)),
                sum(when(rule.raw().isNull(), 1).otherwise(0)),
                sum(when(rule.invalid(), 1).otherwise(0)),
                first(when(rule.invalid(), rule.raw().cast("string")), true)).first();
        long inputRows = labelStats.getLong(0);
        long missingLabels = inputRows == 0 ? 0 : labelStats.getLong(1);
        long invalidLabels = inputRows == 0 ? 0 : labelStats.getLong(2);
        if (invalidLabels > 0) {
            throw new IllegalArgumentException("label " + rule.source() + ": " + invalidLabels
                    + " value(s) outside the rule " + describe(rule) + ", e.g. '" + labelStats.getString(3) + "'");
        }
        if (rule.missing() == LabelRule.MissingLabel.DROP) {
            labelled = labelled.filter(col(FittedPreprocessor.LABEL + "_rule").isNotNull());
        }
        labelled = labelled.drop(FittedPreprocessor.LABEL + "_rule");

        Splitter.Result split = Splitter.split(labelled, options.split());
        Dataset<Row> rows = split.rows().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long[] splitRows = splitCounts(rows);
            double[] ratios = {options.split().train(), options.split().val(), options.split().test()};
            for (int i = 0; i < 3; i++) {
                if (splitRows[i] == 0 && ratios[i] > 0) {
                    throw new IllegalArgumentException("split '" + Splitter.NAMES.get(i) + "' is empty (" + inputRows
                            + " input rows, " + missingLabels + " without label, " + split.droppedWithoutTime()
                            + " without split time; split by " + options.split().by().name().toLowerCase(Locale.ROOT) + ")");
                }
            }
            Dataset<Row> train = rows.filter(col(Splitter.SPLIT).equalTo(0));
            FittedPreprocessor fitted = previous != null ? previous : Fitter.fit(train, selection, options);

            List<String> keptOutputs = new ArrayList<>();
            Dataset<Row> withKept = rows;
            for (String keep : options.keepColumns()) {
                String[] parts = keep.split("=", 2);
                String output = parts[0].trim();
                String source = parts.length == 2 ? parts[1].trim() : output;
                if (!List.of(input.columns()).contains(source)) {
                    throw new IllegalArgumentException("keep-columns: column '" + source + "' is missing from the input");
                }
                if (output.equals(FittedPreprocessor.LABEL) || fitted.outputColumns().contains(output) || keptOutputs.contains(output)) {
                    throw new IllegalArgumentException("keep-columns: output name '" + output + "' is already taken");
                }
                if (!output.equals(source)) {
                    withKept = withKept.withColumn(output, col(quote(source)));
                }
                keptOutputs.add(output);
            }
            List<String> passThrough = new ArrayList<>(keptOutputs);
            passThrough.add(Splitter.SPLIT);
            fitted.checkSchema(withKept.schema());
            org.apache.spark.ml.PipelineModel pipeline = PreprocessPipeline.of(fitted, spark, withKept.schema());
            Dataset<Row> encoded = fitted.select(pipeline.transform(withKept), passThrough);
            writeSplits(encoded, outputDir);
            PreprocessPipeline.save(pipeline, outputDir);
            fitted.save(outputDir + "/" + FittedPreprocessor.FILE_NAME, spark.sparkContext().hadoopConfiguration());

            Map<String, Map<String, Object>> splitStats = new LinkedHashMap<>();
            Map<String, Map<String, Double>> oovRates = new LinkedHashMap<>();
            Map<String, Double> nullRatesTrain = new LinkedHashMap<>();
            Dataset<Row> written = null;
            for (int i = 0; i < 3; i++) {
                Dataset<Row> part = spark.read().parquet(outputDir + "/" + Splitter.NAMES.get(i)).withColumn(Splitter.SPLIT, lit(i));
                written = written == null ? part : written.unionByName(part);
            }
            Map<Integer, Row> aggregates = splitAggregates(written, fitted);
            for (int i = 0; i < 3; i++) {
                String name = Splitter.NAMES.get(i);
                splitStats.put(name, splitStatistics(aggregates.get(i), fitted, name, oovRates, i == 0 ? nullRatesTrain : null));
            }
            Map<String, Map<String, Object>> hashStats = hashStatistics(train, spark.read().parquet(outputDir + "/train"), fitted);

            Map<String, Object> metadata = metadata(fitted, selection, options, keptOutputs, inputRows, missingLabels, split,
                    splitStats, oovRates, nullRatesTrain, hashStats);
            try {
                OutputFiles.writeString(outputDir + "/" + METADATA_FILE, JSON.writeValueAsString(metadata),
                        spark.sparkContext().hadoopConfiguration());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            String report = PreprocessReport.render(fitted, metadata, splitStats, oovRates, nullRatesTrain, hashStats);
            OutputFiles.writeString(outputDir + "/" + REPORT_FILE, report, spark.sparkContext().hadoopConfiguration());
            Map<String, Object> metrics = metrics(fitted, inputRows, missingLabels, split, splitStats, oovRates, hashStats);
            return new PreprocessRun(fitted, metadata, report, metrics);
        } finally {
            rows.unpersist();
        }
    }

    /**
     * Encodes once and writes all splits in one job (partitioned by split), then moves each
     * partition folder to {@code train}, {@code val} or {@code test}; a split with no rows (ratio 0)
     * gets an empty parquet table of the same schema.
     */
    private void writeSplits(Dataset<Row> encoded, String outputDir) {
        String staging = outputDir + "/_splits";
        encoded.write().partitionBy(Splitter.SPLIT).parquet(staging);
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(staging);
            org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(hadoop);
            for (int i = 0; i < 3; i++) {
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(outputDir, Splitter.NAMES.get(i));
                org.apache.hadoop.fs.Path partition = new org.apache.hadoop.fs.Path(root, Splitter.SPLIT + "=" + i);
                if (fs.exists(partition)) {
                    if (!fs.rename(partition, target)) {
                        throw new java.io.IOException("rename " + partition + " -> " + target + " failed");
                    }
                } else {
                    spark.createDataFrame(java.util.List.of(), encoded.drop(Splitter.SPLIT).schema()).write().parquet(target.toString());
                }
            }
            fs.delete(root, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot move the splits into place under " + outputDir, e);
        }
    }

    private static void checkLabelSource(Dataset<Row> input, LabelRule rule) {
        if (rule.rule() != LabelRule.Kind.EXPRESSION) {
            if (!List.of(input.columns()).contains(rule.column())) {
                throw new IllegalArgumentException("label column '" + rule.column() + "' is missing from the input (columns: "
                        + String.join(", ", input.columns()) + ")");
            }
            return;
        }
        try {
            input.select(rule.raw());
        } catch (Exception e) {
            throw new IllegalArgumentException("label expression '" + rule.expression() + "' is not valid on the input: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String describe(LabelRule rule) {
        return switch (rule.rule()) {
            case CAST -> "cast (values must be 0 or 1)";
            case THRESHOLD -> "threshold (values must be numeric)";
            case EXPRESSION -> "expression (the expression must give true/false or 0/1)";
        };
    }

    private static long[] splitCounts(Dataset<Row> rows) {
        long[] counts = new long[3];
        for (Row row : rows.groupBy(Splitter.SPLIT).count().collectAsList()) {
            counts[row.getInt(0)] = row.getLong(1);
        }
        return counts;
    }

    /** Per split (one pass over the written output): rows, labelled rows, positives, then NULL and OOV counts per field. */
    private static Map<Integer, Row> splitAggregates(Dataset<Row> written, FittedPreprocessor fitted) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)));
        aggregates.add(count(col(FittedPreprocessor.LABEL)));
        aggregates.add(sum(col(FittedPreprocessor.LABEL)).cast("long"));
        for (FittedField field : fitted.fields()) {
            aggregates.add(sum(when(col(field.outputColumn()).equalTo(field.offset() + FieldEncoding.NULL_ID), 1).otherwise(0)));
            int oov = field.encoding() instanceof VocabularyEncoding ? field.offset() + VocabularyEncoding.OOV_ID : -1;
            aggregates.add(sum(when(col(field.outputColumn()).equalTo(oov), 1).otherwise(0)));
        }
        Map<Integer, Row> bySplit = new java.util.HashMap<>();
        for (Row row : written.groupBy(Splitter.SPLIT)
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).collectAsList()) {
            bySplit.put(row.getInt(0), row);
        }
        return bySplit;
    }

    private static Map<String, Object> splitStatistics(Row aggregate, FittedPreprocessor fitted, String split,
            Map<String, Map<String, Double>> oovRates, Map<String, Double> nullRates) {
        // An empty split (ratio 0) has no group: every count is 0.
        java.util.function.IntToLongFunction value = i -> aggregate == null || aggregate.isNullAt(i + 1) ? 0 : aggregate.getLong(i + 1);
        long rows = value.applyAsLong(0);
        long labelled = value.applyAsLong(1);
        long positives = value.applyAsLong(2);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("rows", rows);
        stats.put("labelled_rows", labelled);
        stats.put("positives", positives);
        stats.put("positive_rate", labelled == 0 ? null : round((double) positives / labelled));
        for (int i = 0; i < fitted.fields().size(); i++) {
            FittedField field = fitted.fields().get(i);
            long nulls = value.applyAsLong(3 + 2 * i);
            long oov = value.applyAsLong(4 + 2 * i);
            if (field.encoding() instanceof VocabularyEncoding) {
                oovRates.computeIfAbsent(field.name(), k -> new LinkedHashMap<>()).put(split, rows == 0 ? 0.0 : round((double) oov / rows));
            }
            if (nullRates != null) {
                nullRates.put(field.name(), rows == 0 ? 0.0 : round((double) nulls / rows));
            }
        }
        return stats;
    }

    /** Distinct training values vs distinct buckets used, per hashed field (both HyperLogLog estimates). */
    private static Map<String, Map<String, Object>> hashStatistics(Dataset<Row> train, Dataset<Row> writtenTrain,
            FittedPreprocessor fitted) {
        List<FittedField> hashed = fitted.fields().stream().filter(f -> f.encoding() instanceof HashEncoding).toList();
        Map<String, Map<String, Object>> stats = new LinkedHashMap<>();
        if (hashed.isEmpty()) {
            return stats;
        }
        List<Column> values = new ArrayList<>();
        List<Column> buckets = new ArrayList<>();
        for (FittedField field : hashed) {
            values.add(approx_count_distinct(io.windrow.preprocess.ml.VocabularyIndexer.text(field.name(), field.sqlType())));
            buckets.add(approx_count_distinct(col(field.outputColumn())));
        }
        Row distinctValues = train.agg(values.get(0), values.subList(1, values.size()).toArray(Column[]::new)).first();
        Row usedBuckets = writtenTrain.agg(buckets.get(0), buckets.subList(1, buckets.size()).toArray(Column[]::new)).first();
        for (int i = 0; i < hashed.size(); i++) {
            HashEncoding encoding = (HashEncoding) hashed.get(i).encoding();
            long d = distinctValues.getLong(i);
            long b = usedBuckets.getLong(i);
            double n = encoding.buckets();
            // Expected distinct buckets for d uniformly hashed values: n * (1 - (1 - 1/n)^d).
            double expectedBuckets = n * (1 - Math.pow(1 - 1 / n, d));
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("buckets", encoding.buckets());
            field.put("distinct_values_train", d);
            field.put("ids_used_train", b);
            field.put("expected_colliding_values", round(Math.max(0, d - expectedBuckets)));
            field.put("expected_collision_rate", d == 0 ? 0.0 : round(Math.max(0, d - expectedBuckets) / d));
            stats.put(hashed.get(i).name(), field);
        }
        return stats;
    }

    private static Map<String, Object> metadata(FittedPreprocessor fitted, FeatureSelection selection, PreprocessOptions options,
            List<String> keptColumns,
            long inputRows, long missingLabels, Splitter.Result split, Map<String, Map<String, Object>> splitStats,
            Map<String, Map<String, Double>> oovRates, Map<String, Double> nullRatesTrain,
            Map<String, Map<String, Object>> hashStats) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("mode", "default");
        metadata.put("fitted_state", FittedPreprocessor.FILE_NAME);
        metadata.put("pipeline", PreprocessPipeline.DIR);
        // "label" and "total" are what the trainer reads (TrainMetadata); the rest is for people.
        metadata.put("label", FittedPreprocessor.LABEL);
        // Insertion-ordered: Map.of iterates in a per-JVM random order, which made metadata.json
        // differ between otherwise identical runs.
        Map<String, Object> labelRule = new LinkedHashMap<>();
        labelRule.put("source", fitted.label().source());
        labelRule.put("rule", fitted.label().rule().name().toLowerCase(Locale.ROOT));
        labelRule.put("threshold", fitted.label().threshold());
        labelRule.put("missing", fitted.label().missing().name().toLowerCase(Locale.ROOT));
        metadata.put("label_rule", labelRule);
        metadata.put("total", fitted.totalIds());
        metadata.put("total_ids", fitted.totalIds());
        metadata.put("kept_columns", keptColumns);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FittedField field : fitted.fields()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", field.name());
            entry.put("column", field.outputColumn());
            entry.put("kind", field.encoding().kind());
            entry.put("sql_type", field.sqlType());
            entry.put("offset", field.offset());
            entry.put("cardinality", field.cardinality());
            entry.put("null_rate_train", nullRatesTrain.get(field.name()));
            if (field.encoding() instanceof QuantileEncoding quantiles) {
                entry.put("edges", quantiles.edges().length);
            } else if (field.encoding() instanceof VocabularyEncoding vocabulary) {
                entry.put("vocabulary_size", vocabulary.values().size());
                entry.put("oov_rate", oovRates.get(field.name()));
            } else if (field.encoding() instanceof HashEncoding) {
                entry.put("hash", hashStats.get(field.name()));
            }
            fields.add(entry);
        }
        metadata.put("fields", fields);
        if (selection != null) {
            metadata.put("excluded_columns", selection.excluded());
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("input", inputRows);
        rows.put("label_missing", missingLabels);
        rows.put("label_missing_action", fitted.label().missing().name().toLowerCase(Locale.ROOT));
        rows.put("dropped_without_split_time", split.droppedWithoutTime());
        metadata.put("rows", rows);
        Map<String, Object> splitInfo = new LinkedHashMap<>();
        splitInfo.put("by", options.split().by().name().toLowerCase(Locale.ROOT));
        if (options.split().by() == SplitOptions.By.TIME) {
            splitInfo.put("time_column", options.split().timeColumn());
            splitInfo.put("cutoffs", List.of(split.timeCutoffs()[0], split.timeCutoffs()[1]));
        } else {
            splitInfo.put("hash_key", options.split().hashKey());
        }
        splitInfo.put("ratios", List.of(options.split().train(), options.split().val(), options.split().test()));
        metadata.put("split", splitInfo);
        metadata.put("splits", splitStats);
        return metadata;
    }

    private static Map<String, Object> metrics(FittedPreprocessor fitted, long inputRows, long missingLabels, Splitter.Result split,
            Map<String, Map<String, Object>> splitStats, Map<String, Map<String, Double>> oovRates,
            Map<String, Map<String, Object>> hashStats) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mode", "default");
        metrics.put("fields", fitted.fields().size());
        metrics.put("total_ids", fitted.totalIds());
        metrics.put("rows_input", inputRows);
        metrics.put("rows_label_missing", missingLabels);
        metrics.put("rows_without_split_time", split.droppedWithoutTime());
        splitStats.forEach((name, stats) -> {
            metrics.put("rows_" + name, stats.get("rows"));
            metrics.put("positive_rate_" + name, stats.get("positive_rate"));
        });
        for (String name : Splitter.NAMES) {
            double max = oovRates.values().stream().mapToDouble(r -> r.getOrDefault(name, 0.0)).max().orElse(0.0);
            metrics.put("max_oov_rate_" + name, max);
        }
        double colliding = hashStats.values().stream().mapToDouble(s -> ((Number) s.get("expected_colliding_values")).doubleValue()).sum();
        metrics.put("hash_expected_colliding_values", round(colliding));
        return metrics;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

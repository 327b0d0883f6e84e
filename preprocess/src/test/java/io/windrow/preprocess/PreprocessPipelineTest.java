package io.windrow.preprocess;

import io.windrow.testing.TestSpark;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The saved MLlib pipeline against the single-row encoder ({@link FittedPreprocessor#encode}, the
 * per-field code the Spark transform ran before the pipeline existed): every row of the seed-shaped
 * synthetic table gets the same ids from {@code PipelineModel.load(path).transform(df)}, plus the
 * edge values of continuous fields, and bad inputs fail with one line.
 */
class PreprocessPipelineTest {
    @TempDir
    Path out;

    private static PreprocessOptions seedOptions(Map<String, CategoricalEncoding> encodings) {
        LabelRule label = new LabelRule("action_actionValue_multi_direct_2", LabelRule.Kind.CAST, 0, "", LabelRule.MissingLabel.KEEP);
        SplitOptions split = new SplitOptions(SplitOptions.By.TIME, "flattenRequest_eventTime_original_0", "reqId_1", 0.6, 0.2, 0.2, 0.0);
        PreprocessOptions d = PreprocessOptions.defaults(label, split);
        // min-count 1 so that vocabularies hold values, 3 buckets so that edges repeat; some fields hashed.
        return new PreprocessOptions(label, d.include(), d.exclude(), d.excludeTemporal(), d.categorical(), d.continuous(),
                3, Map.of("flattenRequest_eventTime_isweekday_43", 1), 0.0, CategoricalEncoding.VOCABULARY, encodings,
                7, Map.of(), 10L, 1, 4, split, List.of());
    }

    @Test
    void savedPipelineGivesEveryRowTheSingleRowEncoderIds() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> input = JdLikeFeatures.create(spark, 60);
        PreprocessRun run = new DefaultPreprocessor(spark).run(input, seedOptions(Map.of(
                "flattenRequest_user_id_original_26", CategoricalEncoding.HASH, "bo_action_br_multi_top3frequency_16",
                CategoricalEncoding.HASH)), null, out.toString());
        FittedPreprocessor fitted = FittedPreprocessor.load(out.toString());
        assertThat(fitted).isEqualTo(run.fitted());
        assertThat(fitted.fields()).extracting(f -> f.encoding().kind()).contains("quantile", "vocabulary", "hash");
        // A continuous field with one bucket (no edge) and a field with repeated edges are both covered.
        assertThat(fitted.fields().stream().filter(f -> f.encoding() instanceof QuantileEncoding q && q.edges().length == 0)).isNotEmpty();

        PipelineModel pipeline = PipelineModel.load(out.resolve(PreprocessPipeline.DIR).toString());
        assertThat(PreprocessPipeline.fitted(pipeline)).isEqualTo(fitted);
        Dataset<Row> transformed = pipeline.transform(input);
        // The input columns, the label, one id per field, and no working column.
        List<String> expected = new ArrayList<>(List.of(input.columns()));
        expected.add(FittedPreprocessor.LABEL);
        expected.addAll(fitted.outputColumns());
        assertThat(transformed.columns()).containsExactlyElementsOf(expected);

        String[] names = input.columns();
        int compared = 0;
        for (Row row : transformed.collectAsList()) {
            Map<String, Object> values = new HashMap<>();
            for (int c = 0; c < names.length; c++) {
                values.put(names[c], row.get(c));
            }
            int[] ids = new int[fitted.fields().size()];
            for (int f = 0; f < ids.length; f++) {
                ids[f] = row.getInt(row.fieldIndex(fitted.outputColumns().get(f)));
            }
            assertThat(ids).as("row %s", row.getString(0)).containsExactly(fitted.encode(values));
            compared++;
        }
        assertThat(compared).isEqualTo(60);
    }

    @Test
    void bucketsEdgeValuesAsTheQuantileEncodingDoes() {
        SparkSession spark = TestSpark.spark();
        StructType schema = new StructType().add("x", DataTypes.DoubleType).add("t", DataTypes.TimestampType)
                .add("flag", DataTypes.BooleanType).add("y", DataTypes.IntegerType);
        FittedPreprocessor fitted = FittedPreprocessor.of(new LabelRule("y", LabelRule.Kind.CAST, 0, "", LabelRule.MissingLabel.KEEP),
                List.of("x", "t", "flag"), List.of("double", "timestamp", "boolean"),
                List.of(new QuantileEncoding(new double[] {-1.0, 0.0, 2.5}), new QuantileEncoding(new double[] {1000.0}),
                        new QuantileEncoding(new double[0])));
        List<Row> rows = new ArrayList<>();
        Double[] xs = {null, Double.NaN, Double.NEGATIVE_INFINITY, -1.0, -0.5, -0.0, 0.0, 2.5, 3.0, Double.POSITIVE_INFINITY};
        for (int i = 0; i < xs.length; i++) {
            rows.add(RowFactory.create(xs[i], i % 3 == 0 ? null : new java.sql.Timestamp(999L + i % 2), i % 4 == 0 ? null : i % 2 == 0, 1));
        }
        List<Row> encoded = fitted.transform(spark.createDataFrame(rows, schema), List.of()).collectAsList();
        assertThat(encoded).hasSize(xs.length);
        for (int i = 0; i < xs.length; i++) {
            Row source = rows.get(i);
            Map<String, Object> values = new HashMap<>();
            values.put("x", source.get(0));
            values.put("t", source.get(1));
            values.put("flag", source.get(2));
            Row row = encoded.get(i);
            assertThat(new int[] {row.getInt(1), row.getInt(2), row.getInt(3)}).as("x = %s", xs[i])
                    .containsExactly(fitted.encode(values));
        }
        // Hand-worked: NULL and NaN 0; below -1 is 1; [-1, 0) is 2 (-0.0 sorts below 0.0); [0, 2.5) 3; at or above 2.5 is 4.
        assertThat(encoded.stream().map(r -> r.getInt(1)).toList()).containsExactly(0, 0, 1, 2, 2, 2, 3, 4, 4, 4);
    }

    @Test
    void anInputWithoutAFieldOrAnOlderFormatFailsInOneLine() throws Exception {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> input = JdLikeFeatures.create(spark, 20);
        new DefaultPreprocessor(spark).run(input, seedOptions(Map.of()), null, out.toString());
        PipelineModel pipeline = PreprocessPipeline.load(out.toString());

        assertThatThrownBy(() -> pipeline.transform(input.drop("bo_user_sex_multi_direct_11")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preprocessing pipeline: field 'bo_user_sex_multi_direct_11': column missing from the input");
        assertThatThrownBy(() -> pipeline.transform(input.withColumn("bo_user_sex_multi_direct_11",
                org.apache.spark.sql.functions.lit(1))))
                .hasMessageContaining("field 'bo_user_sex_multi_direct_11': type changed since the fit (fitted string, input int)");

        // The first stage's metadata as a Windrow with another pipeline format would have written it.
        Path stages = out.resolve(PreprocessPipeline.DIR).resolve("stages");
        Path first;
        try (Stream<Path> list = Files.list(stages)) {
            first = list.filter(p -> p.getFileName().toString().startsWith("0_")).findFirst().orElseThrow();
        }
        Path metadata;
        try (Stream<Path> list = Files.list(first.resolve("metadata"))) {
            metadata = list.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        rewrite(metadata, "\"formatVersion\":1", "\"formatVersion\":2");
        assertThatThrownBy(() -> PipelineModel.load(out.resolve(PreprocessPipeline.DIR).toString()))
                .hasMessageContaining("has format version 2 but this Windrow reads version 1");
        assertThatThrownBy(() -> PreprocessPipeline.load(out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot load the preprocessing pipeline " + out.resolve(PreprocessPipeline.DIR))
                .hasMessageContaining("format version 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // A stage class this Windrow lacks (a newer version's) is named.
        rewrite(metadata, "\"formatVersion\":2", "\"formatVersion\":1");
        rewrite(metadata, "io.windrow.preprocess.ml.FieldInputs", "io.windrow.preprocess.ml.FieldInputsV9");
        assertThatThrownBy(() -> PreprocessPipeline.load(out.toString()))
                .hasMessageContaining("io.windrow.preprocess.ml.FieldInputsV9");
    }

    /** Edits a file Hadoop wrote, dropping its checksum file (which would no longer match). */
    private static void rewrite(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }
}

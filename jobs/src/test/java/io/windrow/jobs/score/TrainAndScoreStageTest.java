package io.windrow.jobs.score;

import io.windrow.testing.TestSpark;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.output.StageOutput;
import io.windrow.jobs.train.TrainStage;
import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.preprocess.PreprocessPipeline;
import io.windrow.preprocess.HashEncoding;
import io.windrow.preprocess.LabelRule;
import io.windrow.train.DeepFmScorer;
import io.windrow.train.TrainJob;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.ModelStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The train and score stages through the launcher's StageMain on tiny data. */
class TrainAndScoreStageTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static SparkSession spark() {
        return TestSpark.spark();
    }

    private int run(io.windrow.jobs.Stage stage, String... args) {
        return StageMain.run(stage, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void scoreWritesKeysAndTheProbabilitiesOfTheInProcessScorer() throws Exception {
        SparkSession spark = spark();
        FittedPreprocessor fitted = FittedPreprocessor.of(
                new LabelRule("y", LabelRule.Kind.CAST, 0, null, LabelRule.MissingLabel.DROP),
                List.of("a", "b"), List.of("string", "string"), List.of(new HashEncoding(7, 1), new HashEncoding(5, 2)));
        Path preprocess = dir.resolve("preprocess");
        Files.createDirectories(preprocess);
        StructType featureSchema = new StructType().add("reqId", DataTypes.StringType).add("a", DataTypes.StringType)
                .add("b", DataTypes.StringType);
        PreprocessPipeline.save(PreprocessPipeline.of(fitted, spark, featureSchema), preprocess.toString());
        ModelSpec spec = new ModelSpec("deepfm", fitted.outputColumns(), fitted.totalIds(), 4, List.of(8), "relu", 0.2,
                false, 0.5, DataType.FLOAT);
        Path model = dir.resolve("model.bin");
        try (OutputStream stream = Files.newOutputStream(model)) {
            ModelStore.saveModel(DeepFmModel.initialize(spec, 5), stream);
        }
        StructType schema = new StructType().add("reqId", DataTypes.StringType).add("a", DataTypes.StringType)
                .add("b", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            rows.add(RowFactory.create("r" + i, "a" + random.nextInt(20), i % 7 == 0 ? null : "b" + random.nextInt(9)));
        }
        Dataset<Row> features = spark.createDataFrame(rows, schema);
        features.write().parquet(dir.resolve("features").toString());

        int code = run(new ScoreStage(), "--set", "windrow.work-dir=" + dir, "--set", "score.model=" + model,
                "--set", "score.batch-size=16", "--set", "score.key-columns=[reqId]");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("scored 50 rows");
        assertThat(dir.resolve("scores").resolve(StageOutput.MARKER)).exists();
        DeepFmScorer scorer = DeepFmScorer.load(model).withEncoder(fitted::encode);
        List<Row> scored = spark.read().parquet(dir.resolve("scores").toString()).collectAsList();
        assertThat(scored).hasSize(50);
        for (Row row : scored) {
            Row input = rows.get(Integer.parseInt(row.getString(0).substring(1)));
            Map<String, Object> raw = new java.util.HashMap<>();
            raw.put("a", input.get(1));
            raw.put("b", input.get(2));
            // float32 GEMM of a 16-row batch vs one row rounds differently in the last bits
            assertThat(row.getDouble(1)).isCloseTo(scorer.probability(raw), within(1e-6));
        }
    }

    @Test
    void trainStageWritesModelMetricsAndCurveAndReportsTheBaseline() throws Exception {
        SparkSession spark = spark();
        Path preprocess = dir.resolve("preprocess");
        StructType schema = new StructType().add("label", DataTypes.IntegerType).add("reqId", DataTypes.StringType)
                .add("f_x", DataTypes.IntegerType).add("f_y", DataTypes.IntegerType);
        Random random = new Random(4);
        for (String split : List.of("train", "val", "test")) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < (split.equals("train") ? 600 : 300); i++) {
                int x = random.nextInt(4);
                int y = random.nextInt(4);
                double p = (x % 2 == y % 2) ? 0.85 : 0.15; // a pure interaction
                rows.add(RowFactory.create(random.nextDouble() < p ? 1 : 0, split + i, x, 4 + y));
            }
            spark.createDataFrame(rows, schema).coalesce(1).write().parquet(preprocess.resolve(split).toString());
        }
        Files.writeString(preprocess.resolve("metadata.json"), "{\"total\": 8, \"fields\": ["
                + "{\"name\": \"x\", \"column\": \"f_x\", \"offset\": 0, \"cardinality\": 4},"
                + "{\"name\": \"y\", \"column\": \"f_y\", \"offset\": 4, \"cardinality\": 4}]}");
        Files.writeString(preprocess.resolve(StageOutput.MARKER), "");

        int code = run(new TrainStage(), "--set", "windrow.work-dir=" + dir, "--set", "train.dnn.hidden=[8]",
                "--set", "train.embedding-dim=4", "--set", "train.epochs=4", "--set", "train.batch-size=32",
                "--set", "train.learning-rate=0.02", "--set", "train.learning-rate-decay=0.8",
                "--set", "train.embedding-init-std=0.01");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("deepfm test AUC 0\\.[7-9]\\d+ .*LR baseline AUC 0\\.\\d+ \\(DeepFM \\+0\\.[1-9]")
                .contains("Bayes-optimal AUC n/a (no truth table at");
        Path model = dir.resolve("model");
        assertThat(model.resolve(StageOutput.MARKER)).exists();
        assertThat(model.resolve(TrainJob.MODEL_FILE)).exists();
        assertThat(model.resolve(TrainJob.CURVE_FILE)).exists();
        assertThat(Files.readString(model.resolve(StageOutput.METRICS))).contains("\"test_auc\"", "\"baseline_lr_test_auc\"");
    }
}

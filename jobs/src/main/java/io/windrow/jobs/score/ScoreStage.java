package io.windrow.jobs.score;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.preprocess.PreprocessPipeline;
import io.windrow.train.DeepFmScorer;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code score} stage: turns a features table into ids with the saved MLlib preprocessing
 * pipeline ({@code <score.preprocess>/pipeline}, {@link PreprocessPipeline}), applies the trained model in every partition (the model travels as a
 * broadcast) and writes (key columns, probability) as parquet to {@code score.output}.
 */
public final class ScoreStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new ScoreStage(), args);
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String description() {
        return "score a features table with the saved preprocess state and model; write keys + probability";
    }

    @Override
    public StageResult run(StageContext context) {
        Config config = context.stageConfig();
        SparkSession spark = context.spark();
        String modelFile = config.getString("model");
        byte[] modelBytes = readAll(modelFile, context);
        DeepFmScorer scorer;
        try {
            scorer = DeepFmScorer.load(new java.io.ByteArrayInputStream(modelBytes), modelFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PipelineModel pipeline = PreprocessPipeline.load(config.getString("preprocess"));
        FittedPreprocessor fitted = PreprocessPipeline.fitted(pipeline);
        if (!fitted.outputColumns().equals(scorer.fields())) {
            throw new WindrowException("model " + modelFile + " was trained on fields " + scorer.fields()
                    + " but the preprocess state " + config.getString("preprocess") + " produces " + fitted.outputColumns());
        }
        String inputPath = config.getString("input");
        try {
            Path path = new Path(inputPath);
            if (!path.getFileSystem(context.hadoopConf()).exists(path)) {
                throw new io.windrow.jobs.InputDataException("score.input: no table at " + inputPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + inputPath, e);
        }
        Dataset<Row> input = spark.read().parquet(inputPath);
        List<String> keys = config.getStringList("key-columns");
        for (String key : keys) {
            if (!Arrays.asList(input.columns()).contains(key)) {
                throw new WindrowException("score.key-columns: column '" + key + "' is not in " + config.getString("input"));
            }
        }
        Dataset<Row> encoded = fitted.select(pipeline.transform(input), keys);
        StructType schema = new StructType();
        for (String key : keys) {
            schema = schema.add(encoded.schema().apply(key));
        }
        schema = schema.add("probability", DataTypes.DoubleType, false);
        Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);
        Dataset<Row> scored = encoded.mapPartitions(
                new ScorePartition(model, modelFile, keys, scorer.fields(), config.getInt("batch-size")), Encoders.row(schema));
        StageOutput output = context.openOutput(config.getString("output"));
        // the staging folder exists already (empty): overwrite lets Spark write into it
        scored.write().mode("overwrite").parquet(output.stagingPath());
        Row stats = spark.read().parquet(output.stagingPath())
                .agg(org.apache.spark.sql.functions.count("probability"), org.apache.spark.sql.functions.avg("probability"))
                .first();
        long rows = stats.getLong(0);
        double mean = rows == 0 ? Double.NaN : stats.getDouble(1);
        output.metric("rows", rows).metric("mean_probability", mean);
        return new StageResult(String.format(Locale.ROOT, "scored %d rows (mean probability %.4f) -> %s", rows, mean,
                output.path()));
    }

    private static byte[] readAll(String file, StageContext context) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(context.hadoopConf());
            if (!fs.exists(path)) {
                throw new io.windrow.jobs.InputDataException("score.model: model " + file + " not found (run the train stage first)");
            }
            try (FSDataInputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file, e);
        }
    }
}

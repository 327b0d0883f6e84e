package io.windrow.jobs.samples;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.samples.BatchSamples;
import io.windrow.samples.SamplesSpec;
import io.windrow.samples.StreamingSamples;
import io.windrow.samples.StreamingSpec;
import io.windrow.samples.jd.ActionLabels;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code samples} stage (seed 000): labelled training samples from behaviour events joined
 * with the feature log. {@code samples.mode} picks batch (tables in, parquet out, atomic),
 * streaming (Kafka in, Structured Streaming, parquet or Kafka out, checkpointed) or jd-action (the
 * JD demo's action label table from bo_action). The work is in the windrow-samples module; this
 * class reads inputs, opens outputs and records the figures.
 */
public final class SamplesStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new SamplesStage(), args);
    }

    @Override
    public String name() {
        return "samples";
    }

    @Override
    public String description() {
        return "build labelled samples from behaviour events + feature log (batch, Kafka streaming, or JD action labels)";
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        Config config = context.stageConfig();
        String mode = config.getString("mode").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "batch" -> batch(context, config);
            case "streaming" -> streaming(context, config);
            case "jd-action" -> jdAction(context, config.getConfig("jd-action"));
            default -> throw new WindrowException("config key 'samples.mode': expected batch, streaming or jd-action, got '"
                    + config.getString("mode") + "'");
        };
    }

    private StageResult batch(StageContext context, Config config) {
        SamplesSpec spec = SamplesSpec.fromConfig(config);
        SparkSession spark = context.spark();
        Dataset<Row> events = read(context, config.getString("input.path"), config.getString("input.format"), "samples.input.path");
        String logPath = config.getString("feature-log.path");
        Optional<Dataset<Row>> log = logPath.isBlank() ? Optional.empty()
                : Optional.of(read(context, logPath, config.getString("feature-log.format"), "samples.feature-log.path"));
        StageOutput output = context.openOutput(config.getString("output"));
        BatchSamples.Result result = new BatchSamples(spark, spec).run(events, log);
        try {
            result.samples().write().mode("overwrite").parquet(output.stagingPath());
        } finally {
            result.release();
        }
        result.metrics().forEach(output::metric);
        return new StageResult(summary(result.metrics()) + " -> " + output.path());
    }

    private StageResult streaming(StageContext context, Config config) throws Exception {
        SamplesSpec spec = SamplesSpec.fromConfig(config);
        StreamingSpec streaming = StreamingSpec.fromConfig(config.getConfig("streaming"));
        StageOutput report = context.openOutput(streaming.report());
        StreamingSamples job = new StreamingSamples(context.spark(), spec, streaming);
        StreamingQuery query = job.start();
        // available-now stops by itself; a processing-time trigger runs until the query is stopped.
        query.awaitTermination();
        Map<String, Object> metrics = job.metrics(query);
        metrics.forEach(report::metric);
        return new StageResult(summary(metrics) + "; late rows dropped " + metrics.get("late_rows_dropped")
                + " -> " + (streaming.sink() == StreamingSpec.Sink.PARQUET ? streaming.sinkPath() : "kafka topic " + streaming.sinkTopic()));
    }

    private StageResult jdAction(StageContext context, Config config) {
        SparkSession spark = context.spark();
        Dataset<Row> requests = read(context, config.getString("requests"), "parquet", "samples.jd-action.requests");
        Dataset<Row> actions = read(context, config.getString("actions"), "parquet", "samples.jd-action.actions");
        StageOutput output = context.openOutput(config.getString("output"));
        Dataset<Row> labels = new ActionLabels(config.getStringList("positive-types"), config.getInt("horizon-days"))
                .derive(requests, actions);
        labels.write().mode("overwrite").parquet(output.stagingPath());
        Row counts = spark.read().parquet(output.stagingPath())
                .selectExpr("count(*)", "count(actionValue)", "coalesce(sum(actionValue), 0)").first();
        long rows = counts.getLong(0);
        long labelled = counts.getLong(1);
        long positives = counts.getLong(2);
        double rate = labelled == 0 ? 0 : Math.round(positives * 1e6 / labelled) / 1e6;
        output.metric("requests", rows).metric("labelled", labelled).metric("unlabelled", rows - labelled)
                .metric("positives", positives).metric("positive_rate", rate)
                .metric("horizon_days", config.getInt("horizon-days"));
        return new StageResult(String.format(Locale.ROOT,
                "%d requests, %d positive (%.4f%% of %d labelled), %d unlabelled (horizon past the end of the actions) -> %s",
                rows, positives, 100 * rate, labelled, rows - labelled, output.path()));
    }

    private static Dataset<Row> read(StageContext context, String path, String format, String key) {
        try {
            Path p = new Path(path);
            if (!p.getFileSystem(context.hadoopConf()).exists(p)) {
                throw new io.windrow.jobs.InputDataException(key + ": no table at " + path);
            }
        } catch (IOException e) {
            throw new WindrowException(key + ": cannot check " + path + ": " + e.getMessage(), e);
        }
        return context.spark().read().format(format).option("header", "true").load(path);
    }

    private static String summary(Map<String, Object> m) {
        return String.format(Locale.ROOT, "%s events, %s samples (%s written), join rate %s, %s without exposure, %s duplicates",
                m.get("events_read"), m.get("samples"), m.get("samples_written"), m.get("join_rate"),
                m.get("keys_without_exposure"), m.get("duplicate_events"));
    }
}

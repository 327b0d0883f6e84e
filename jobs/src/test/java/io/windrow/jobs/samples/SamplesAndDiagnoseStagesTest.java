package io.windrow.jobs.samples;

import io.windrow.testing.TestSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.Stage;
import io.windrow.jobs.diagnose.DiagnoseStage;
import io.windrow.jobs.output.StageOutput;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples stage (jd-action mode on the real JD sample, with conf/jd-labels.conf) and the
 * diagnose stage through the launcher's StageMain: atomic outputs, metrics, report files, and a
 * non-zero exit on an exceeded threshold that still leaves the report.
 */
class SamplesAndDiagnoseStagesTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static synchronized SparkSession spark() {
        return TestSpark.spark();
    }

    private int run(Stage stage, String... args) {
        spark();
        return StageMain.run(stage, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void jdLabelsThenDiagnoseAgainstASkewedCopy() throws Exception {
        Path root = Path.of(System.getProperty("windrow.root", "."));
        Path shared = Path.of(System.getProperty("windrow.shared", "../shared"));
        int code = run(new SamplesStage(), "--config", root.resolve("conf/jd-labels.conf").toString(),
                "--set", "windrow.work-dir=" + dir,
                "--set", "samples.jd-action.requests=" + shared.resolve("jd-sample/flattenRequest_clean"),
                "--set", "samples.jd-action.actions=" + shared.resolve("jd-sample/bo_action"));
        assertThat(code).as(err.toString()).isZero();
        Path action = dir.resolve("action");
        assertThat(action.resolve(StageOutput.MARKER)).exists();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(action.resolve(StageOutput.METRICS)));
        long requests = metrics.get("requests").asLong();
        long positives = metrics.get("positives").asLong();
        assertThat(requests).isEqualTo(spark().read().parquet(shared.resolve("jd-sample/flattenRequest_clean").toString())
                .select("reqId").distinct().count());
        assertThat(positives).isPositive().isLessThan(requests);
        // Requests after the end of bo_action (the JD prediction period, split_id 2) have no label.
        assertThat(metrics.get("unlabelled").asLong()).isGreaterThanOrEqualTo(spark().read()
                .parquet(shared.resolve("jd-sample/flattenRequest_clean").toString()).filter("split_id = 2").count());
        assertThat(metrics.get("labelled").asLong() + metrics.get("unlabelled").asLong()).isEqualTo(requests);
        assertThat(out.toString()).contains("windrow samples: OK");

        // A copy with every positive flipped to 0: actionValue mismatches exactly on the positives.
        Path skewed = dir.resolve("skewed");
        spark().read().parquet(action.toString()).selectExpr("reqId", "eventTime", "if(actionValue IS NULL, NULL, 0) AS actionValue")
                .write().parquet(skewed.toString());
        String[] diagnose = {"--set", "windrow.work-dir=" + dir, "--set", "diagnose.left=" + action,
                "--set", "diagnose.right=" + skewed, "--set", "diagnose.key=[reqId]",
                "--set", "diagnose.features=[actionValue]", "--set", "diagnose.time-column=eventTime",
                "--set", "diagnose.thresholds.max-feature-mismatch-rate=0"};
        assertThat(run(new DiagnoseStage(), diagnose)).isEqualTo(4);
        assertThat(err.toString()).contains("thresholds exceeded: feature actionValue mismatch rate");
        Path report = dir.resolve("diagnose");
        assertThat(report.resolve(StageOutput.MARKER)).exists();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report.resolve("report.json")));
        assertThat(json.get("bothKeys").asLong()).isEqualTo(requests);
        assertThat(json.get("features").get(0).get("mismatch").asLong()).isEqualTo(positives);
        assertThat(json.get("features").get(0).get("match").asLong()).isEqualTo(requests - positives);
        assertThat(Files.readString(report.resolve("report.html"))).contains("<svg").contains("actionValue");

        // The same comparison without thresholds passes.
        assertThat(run(new DiagnoseStage(), "--set", "windrow.work-dir=" + dir, "--set", "windrow.overwrite=true",
                "--set", "diagnose.left=" + action, "--set", "diagnose.right=" + action, "--set", "diagnose.key=[reqId]",
                "--set", "diagnose.labels=[actionValue]", "--set", "diagnose.time-column=eventTime",
                "--set", "diagnose.time-bucket-secs=86400", "--set", "diagnose.thresholds.max-positive-rate-diff=0"))
                .as(err.toString()).isZero();
    }

    @Test
    void batchSamplesFromJsonTablesWithMetrics() throws Exception {
        Path events = dir.resolve("events.json");
        Files.writeString(events, String.join("\n",
                "{\"request_id\":\"r1\",\"userid\":\"u1\",\"svid\":\"i1\",\"event\":\"exposure\",\"ts\":1000}",
                "{\"request_id\":\"r1\",\"userid\":\"u1\",\"svid\":\"i1\",\"event\":\"click\",\"ts\":1005}",
                "{\"request_id\":\"r2\",\"userid\":\"u2\",\"svid\":\"i1\",\"event\":\"exposure\",\"ts\":2000}",
                "{\"request_id\":\"r3\",\"userid\":\"u3\",\"svid\":\"i1\",\"event\":\"click\",\"ts\":2000}",
                "not json"));
        Path log = dir.resolve("log.json");
        Files.writeString(log, String.join("\n",
                "{\"request_id\":\"r1\",\"item_id\":\"i1\",\"request_time\":999,\"module\":\"item\",\"features\":\"a:1\"}",
                "{\"request_id\":\"r1\",\"item_id\":\"i1\",\"request_time\":999,\"module\":\"item\",\"features\":\"a:1\"}"));
        int code = run(new SamplesStage(), "--set", "windrow.work-dir=" + dir,
                "--set", "samples.input.path=" + events, "--set", "samples.input.format=json",
                "--set", "samples.input.userid=userid", "--set", "samples.input.itemid=svid",
                "--set", "samples.input.event-type=event", "--set", "samples.input.event-duration=",
                "--set", "samples.input.event-ts=ts", "--set", "samples.feature-log.path=" + log,
                "--set", "samples.feature-log.format=json", "--set", "samples.join.keep-unmatched=true",
                "--set", "samples.labels.click=has_event(events, 'click')");
        assertThat(code).as(err.toString()).isZero();
        Path output = dir.resolve("samples");
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(output.resolve(StageOutput.METRICS)));
        assertThat(metrics.get("events_read").asLong()).isEqualTo(5);
        assertThat(metrics.get("samples").asLong()).isEqualTo(2);
        assertThat(metrics.get("joined").asLong()).isEqualTo(1);
        assertThat(metrics.get("join_rate").asDouble()).isEqualTo(0.5);
        assertThat(metrics.get("log_duplicates").asLong()).isEqualTo(1);
        assertThat(metrics.get("keys_without_exposure").asLong()).isEqualTo(1);
        assertThat(metrics.get("bad_event_malformed_json").asLong()).isEqualTo(1);
        assertThat(metrics.get("positive_rate.click").asDouble()).isEqualTo(0.5);
        assertThat(spark().read().parquet(output.toString()).orderBy("request_id")
                .selectExpr("concat_ws('|', request_id, cast(click as string), coalesce(features, 'NULL'))")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("r1|1|a:1", "r2|0|NULL");
    }
}

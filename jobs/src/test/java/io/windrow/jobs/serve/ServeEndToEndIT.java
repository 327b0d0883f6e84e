package io.windrow.jobs.serve;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JD demo end to end with the real request engine, through {@code scripts/windrow} after
 * {@code package}: the pipeline (labels, the seed's features, preprocess, a small DeepFM, score
 * with one row per model call), then {@code serve} with every table's history but the requests',
 * then each JD sample request in time order is predicted and then appended, as the online store
 * sees them. Every probability must equal the score stage's for that request, bit for bit; bad
 * requests answer 400 naming the column; {@code predict} sends the demo's request.
 */
class ServeEndToEndIT {
    private static final Path ROOT = Path.of(System.getProperty("windrow.root", "..")).toAbsolutePath().normalize();
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private Process start(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/windrow").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private int run(String name, String... args) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process process = start(log, args);
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).as(name + " finished").isTrue();
        return process.exitValue();
    }

    @Test
    void theServiceScoresEveryJdRequestAsTheScoreStage() throws Exception {
        String work = "windrow.work-dir=" + dir.resolve("work");
        int pipeline = run("pipeline", "pipeline", "--config", "conf/jd-pipeline.conf", "--set", work,
                "--set", "train.dnn.hidden=[64, 64]", "--set", "train.epochs=2", "--set", "train.baseline=false",
                "--set", "score.batch-size=1");
        assertThat(pipeline).as(Files.readString(dir.resolve("pipeline.log"))).isZero();

        List<String> serve = new ArrayList<>(List.of("serve", "--config", "conf/jd-pipeline.conf", "--set", work,
                "--set", "serve.port=0"));
        for (String table : List.of("bo_user", "bo_action", "bo_product", "bo_comment")) {
            serve.addAll(List.of("--set", "serve.tables." + table + ".path=../shared/jd-sample/" + table));
        }
        serve.addAll(List.of("--set", "serve.tables.action.path=" + dir.resolve("work/action")));
        Path serveLog = dir.resolve("serve.log");
        Process server = start(serveLog, serve.toArray(String[]::new));
        try {
            String url = awaitUrl(server, serveLog);
            SparkSession spark = TestSpark.spark();
            List<Row> requests = spark.read().parquet(ROOT.resolve("../shared/jd-sample/flattenRequest_clean").toString())
                    .withColumn("_order", monotonically_increasing_id()).orderBy(col("eventTime"), col("_order"))
                    .drop("_order").collectAsList();
            RowCodec codec = RowCodec.forInput("flattenRequest", requests.get(0).schema());
            HttpClient client = HttpClient.newHttpClient();
            Map<String, Double> served = new HashMap<>();
            for (Row request : requests) {
                Object[] values = new Object[request.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = request.get(i);
                }
                String row = PredictService.JSON.writeValueAsString(codec.encode(values));
                HttpResponse<String> answer = post(client, url + "/predict", row);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                served.put(request.getString(0), PredictService.JSON.readTree(answer.body()).get("probability").doubleValue());
                HttpResponse<String> appended = post(client, url + "/tables/flattenRequest", "[" + row + "]");
                assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
            }
            List<Row> scores = spark.read().parquet(dir.resolve("work/scores").toString()).collectAsList();
            assertThat(scores).hasSize(requests.size());
            List<String> mismatches = new ArrayList<>();
            for (Row score : scores) {
                Double service = served.get(score.getString(0));
                if (service == null || service != score.getDouble(1)) {
                    mismatches.add(score.getString(0) + ": score " + score.getDouble(1) + ", serve " + service);
                }
            }
            assertThat(mismatches).as("requests whose served probability differs from the score stage's").isEmpty();

            HttpResponse<String> missing = post(client, url + "/predict", "{\"reqId\": \"x\"}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("column 'eventTime' of table flattenRequest is missing");
            HttpResponse<String> nullTime = post(client, url + "/predict", "{\"reqId\": \"x\", \"eventTime\": null, \"main_id\": \"1\", "
                    + "\"pair_id\": \"1_2\", \"user_id\": \"1\", \"sku_id\": \"2\", \"time\": 1, \"split_id\": 1, \"time1\": \"t\"}");
            assertThat(nullTime.statusCode()).isEqualTo(400);
            assertThat(nullTime.body()).contains("eventTime");

            int predict = run("predict", "predict", "--set", "predict.url=" + url, "--set", "predict.features=true");
            String predicted = Files.readString(dir.resolve("predict.log"));
            assertThat(predict).as(predicted).isZero();
            assertThat(predicted).contains("\"probability\"", "\"reqId_1\" : \"220341_168651_2016-04-16 00:47:47\"");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitUrl(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            Matcher matcher = SERVING.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
            assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("serve did not start in 10 minutes: " + Files.readString(log));
    }
}

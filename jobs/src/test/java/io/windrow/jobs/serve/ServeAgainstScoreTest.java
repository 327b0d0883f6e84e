package io.windrow.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.config.StageConfig;
import io.windrow.jobs.score.ScoreStage;
import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.preprocess.PreprocessPipeline;
import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The service built from pipeline outputs on disk (DDL, saved MLlib preprocessing, model file,
 * history tables in parquet), as {@code serve} builds it, scores each request exactly as the
 * {@code score} stage scores the same feature row; and the stage refuses outputs that do not fit.
 */
class ServeAgainstScoreTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FittedPreprocessor fitted = ServeFixture.fitted();
    private SparkSession spark;

    @BeforeEach
    void outputs() throws Exception {
        spark = TestSpark.spark();
        Files.writeString(dir.resolve("tables.sql"), RowOnlyEngine.DDL);
        Files.writeString(dir.resolve("features.sql"), "select 1");
        savePreprocess(fitted, dir.resolve("preprocess"));
        Files.write(dir.resolve("model.bin"), ServeFixture.model(fitted));
        List<Row> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(RowFactory.create(new Timestamp(1000L * i), i % 5 == 4 ? null : List.of("u", "v", "w").get(i % 3)));
        }
        spark.createDataFrame(events, RowOnlyEngine.EVENTS).coalesce(2).write().parquet(dir.resolve("events").toString());
        List<Row> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(RowFactory.create("h" + i, new Timestamp(500L * i), "u", i, 0.25 * i));
        }
        spark.createDataFrame(requests, RowOnlyEngine.REQ).coalesce(1).write().parquet(dir.resolve("req").toString());
    }

    private void savePreprocess(FittedPreprocessor state, Path folder) throws Exception {
        Files.createDirectories(folder);
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType();
        for (io.windrow.preprocess.FittedField field : state.fields()) {
            schema = schema.add(field.name(), org.apache.spark.sql.types.DataType.fromDDL(field.sqlType()));
        }
        PreprocessPipeline.save(PreprocessPipeline.of(state, spark, schema), folder.toString());
    }

    private List<String> sets(String... extra) {
        List<String> sets = new ArrayList<>(List.of("windrow.work-dir=" + dir, "serve.ddl=" + dir.resolve("tables.sql"),
                "serve.sql=" + dir.resolve("features.sql"), "serve.preprocess=" + dir.resolve("preprocess"),
                "serve.model=" + dir.resolve("model.bin"), "serve.port=0",
                "serve.tables.events.path=" + dir.resolve("events"), "serve.tables.req.path=" + dir.resolve("req")));
        sets.addAll(List.of(extra));
        return sets;
    }

    private Config config(String... extra) {
        return StageConfig.load(List.of(), sets(extra));
    }

    private int runStage(io.windrow.jobs.Stage stage, List<String> sets) {
        List<String> args = new ArrayList<>();
        sets.forEach(set -> {
            args.add("--set");
            args.add(set);
        });
        return StageMain.run(stage, args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyRequestIsScoredExactlyAsTheScoreStageScoresItsFeatureRow() throws Exception {
        ServeSettings settings = ServeSettings.from(config());
        ServeSetup.Prepared prepared = ServeSetup.prepare(settings, spark, (sql, schemas) -> new RowOnlyEngine(), 3);
        assertThat(prepared.historyRows()).containsExactly(Map.entry("events", 25L), Map.entry("req", 6L));
        assertThat(prepared.sampleRequests()).hasSize(3);
        assertThat(prepared.sampleRequests().get(1)).containsExactly("h1", new Timestamp(500), "u", 1, 0.25);

        Random random = new Random(7);
        List<Object[]> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String a = i % 9 == 8 ? null : List.of("u", "v", "w", "z").get(random.nextInt(4));
            Double x = i % 7 == 6 ? null : random.nextInt(8) * 0.5;
            requests.add(new Object[] {"r" + i, new Timestamp(100_000L + i), a, random.nextInt(10) - 3, x});
        }
        Map<String, Double> served = new HashMap<>();
        List<Row> featureRows = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        RowCodec codec = RowCodec.forInput("req", RowOnlyEngine.REQ);
        try (ServeStage.Running running = ServeStage.Running.start(settings, prepared)) {
            for (Object[] request : requests) {
                String body = PredictService.JSON.writeValueAsString(codec.encode(request));
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(running.url() + "/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode answer = PredictService.JSON.readTree(response.body());
                served.put((String) request[0], answer.get("probability").doubleValue());
                featureRows.add(RowFactory.create(prepared.predictor().engine().compute(request)));
            }
        }
        // the seen counts come from the loaded history: u, v, w hold 7, 7, 6 events (every fifth is NULL)
        assertThat(featureRows.stream().filter(r -> "u".equals(r.get(1))).map(r -> r.get(4)).distinct()).containsExactly(7L);
        spark.createDataFrame(featureRows, RowOnlyEngine.OUTPUT).write().parquet(dir.resolve("features").toString());

        for (int batch : new int[] {1, 16}) {
            String scores = dir.resolve("scores-" + batch).toString();
            int code = runStage(new ScoreStage(), List.of("windrow.work-dir=" + dir, "score.input=" + dir.resolve("features"),
                    "score.preprocess=" + dir.resolve("preprocess"), "score.model=" + dir.resolve("model.bin"),
                    "score.key-columns=[reqId_1]", "score.batch-size=" + batch, "score.output=" + scores));
            assertThat(code).as(err.toString()).isZero();
            List<Row> scored = spark.read().parquet(scores).collectAsList();
            assertThat(scored).hasSize(40);
            for (Row row : scored) {
                double service = served.get(row.getString(0));
                if (batch == 1) {
                    // the same ids and the same one-row forward pass: bit for bit
                    assertThat(row.getDouble(1)).as(row.getString(0)).isEqualTo(service);
                } else {
                    // float32 GEMM of a 16-row batch rounds differently in the last bits than one row
                    assertThat(row.getDouble(1)).as(row.getString(0)).isCloseTo(service, within(1e-6));
                }
            }
        }
    }

    @Test
    void aPreprocessStateReadingAColumnTheSqlDoesNotProduceRefusesToStart() throws Exception {
        savePreprocess(ServeFixture.fitted(List.of("a", "b", "x", "clicks")), dir.resolve("other"));
        int code = runStage(new ServeStage((sql, schemas) -> new RowOnlyEngine()), sets("serve.preprocess=" + dir.resolve("other")));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElse("")).isEqualTo("windrow serve: error: serve: the preprocess state "
                + "does not fit the SQL's feature columns: field 'clicks': column missing from the input (serve.sql "
                + dir.resolve("features.sql") + ", serve.preprocess " + dir.resolve("other") + ", serve.model " + dir.resolve("model.bin") + ")");
    }

    @Test
    void aModelTrainedOnOtherFieldsRefusesToStart() throws Exception {
        Files.write(dir.resolve("other.bin"), ServeFixture.model(ServeFixture.fitted(List.of("a", "b", "x", "clicks"))));
        int code = runStage(new ServeStage((sql, schemas) -> new RowOnlyEngine()), sets("serve.model=" + dir.resolve("other.bin")));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("windrow serve: error: serve: model " + dir.resolve("other.bin")
                + " was trained on fields [f_a, f_b, f_x, f_clicks] but the preprocess state produces [f_a, f_b, f_x, f_seen]");
    }

    @Test
    void missingOutputsAndBadSettingsFailNamingTheKey() {
        assertThat(runStage(new ServeStage((sql, schemas) -> new RowOnlyEngine()), sets("serve.model=" + dir.resolve("none.bin"))))
                .isEqualTo(4);
        assertThat(err.toString()).contains("windrow serve: error: serve.model: model " + dir.resolve("none.bin")
                + " not found (run the train stage first)");
        err.reset();
        assertThat(runStage(new ServeStage((sql, schemas) -> new RowOnlyEngine()), sets("serve.threads=0"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("windrow serve: error: serve.threads must be at least 1, got 0");
        err.reset();
        assertThat(runStage(new ServeStage((sql, schemas) -> new RowOnlyEngine()), sets("serve.tables.events.formt=csv"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("windrow serve: error: unknown config key 'serve.tables.events.formt' (did you mean 'format'?)");
        err.reset();
        assertThat(runStage(new ServeStage((sql, schemas) -> new RowOnlyEngine()), sets("serve.tables.clicks.path=/x"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("windrow serve: error: serve.tables.clicks: table clicks is not declared in "
                + dir.resolve("tables.sql") + " (declared: req, events)");
    }

    @Test
    void benchServeReplaysTheMainTablesRowsAndReportsLatency() throws Exception {
        Config config = config("serve.bench.clients=2", "serve.bench.rate=200", "serve.bench.requests=12", "serve.bench.warmup=3");
        StageResult result = ServeBench.run(new StageContext("bench", config, "", List.of("serve"), () -> spark),
                (sql, schemas) -> new RowOnlyEngine());
        assertThat(result.summary()).startsWith("serve: 12 requests from 2 clients at ").contains("(target 200): p50 ")
                .contains(" 0 errors; history 31 rows, about ");
    }
}

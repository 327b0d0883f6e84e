package io.windrow.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.train.DeepFmScorer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP round trips with the service on an ephemeral loopback port, over {@link RowOnlyEngine}. */
class PredictServerTest {
    private static final String REQUEST = "{\"reqId\": \"r1\", \"ts\": 1459419080000, \"a\": \"u\", \"n\": 4, \"x\": 1.0}";

    private final FittedPreprocessor fitted = ServeFixture.fitted();
    private final byte[] model = ServeFixture.model(fitted);
    private final HttpClient client = HttpClient.newHttpClient();
    private PredictService service;
    private PredictServer server;

    @BeforeEach
    void start() throws Exception {
        Predictor predictor = new Predictor(new RowOnlyEngine(), fitted, model, "model.bin", 2);
        service = new PredictService(predictor, new ServeMetrics(), Map.of("history_rows", Map.of()));
        server = PredictServer.start(service, "127.0.0.1", 0, 2, 1000);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return PredictService.JSON.readTree(response.body());
    }

    /** The probability the model gives the feature row, computed here without the service. */
    private double expected(String a, String b, Double x, long seen) throws Exception {
        Map<String, Object> row = new HashMap<>();
        row.put("a", a);
        row.put("b", b);
        row.put("x", x);
        row.put("seen", seen);
        return DeepFmScorer.load(new ByteArrayInputStream(model), "model.bin").probability(fitted.encode(row));
    }

    @Test
    void predictAnswersTheModelsProbabilityOfTheFeatureRow() throws Exception {
        HttpResponse<String> response = post("/predict", REQUEST);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode answer = json(response);
        assertThat(answer.get("probability").doubleValue()).isEqualTo(expected("u", "u_1", 1.0, 0));
        assertThat(answer.has("features")).isFalse();

        JsonNode withFeatures = json(post("/predict?features=true", REQUEST));
        assertThat(withFeatures.get("features").toString())
                .isEqualTo("{\"reqId_1\":\"r1\",\"a\":\"u\",\"b\":\"u_1\",\"x\":1.0,\"seen\":0}");
        assertThat(withFeatures.get("probability").doubleValue()).isEqualTo(answer.get("probability").doubleValue());
    }

    @Test
    void appendedRowsChangeTheNextPrediction() throws Exception {
        HttpResponse<String> appended = post("/tables/events", "[{\"ts\": 1, \"a\": \"u\"}, {\"ts\": 2, \"a\": \"u\"}, {\"ts\": 3, \"a\": \"v\"}]");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(appended.body()).isEqualTo("{\"table\":\"events\",\"appended\":3}");
        JsonNode answer = json(post("/predict?features=true", REQUEST));
        assertThat(answer.get("features").get("seen").longValue()).isEqualTo(2);
        assertThat(answer.get("probability").doubleValue()).isEqualTo(expected("u", "u_1", 1.0, 2));
    }

    @Test
    void badRequestsAnswer400NamingTheColumnAndTheServiceKeepsServing() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"reqId\": \"r1\", \"ts\": 5, \"a\": \"u\", \"x\": 1.0}", "column 'n' of table req is missing");
        cases.put("{\"reqId\": \"r1\", \"ts\": 5, \"a\": \"u\", \"n\": \"4\", \"x\": 1.0}",
                "column 'n' of table req: expected int, got \"4\"");
        cases.put("{\"reqId\": \"r1\", \"ts\": 5, \"a\": \"u\", \"n\": 4.5, \"x\": 1.0}", "column 'n' of table req: expected int, got 4.5");
        cases.put("{\"reqId\": \"r1\", \"ts\": \"2016-03-31\", \"a\": \"u\", \"n\": 4, \"x\": 1.0}",
                "column 'ts' of table req: expected timestamp (epoch milliseconds), got \"2016-03-31\"");
        cases.put("{\"reqId\": \"r1\", \"ts\": null, \"a\": \"u\", \"n\": 4, \"x\": 1.0}", "column 'ts': NULL order key");
        cases.put("{\"reqId\": \"r1\", \"ts\": -5, \"a\": \"u\", \"n\": 4, \"x\": 1.0}", "column 'ts': negative order key -5");
        cases.put("{\"reqId\": \"r1\", \"ts\": 5, \"a\": \"u\", \"n\": 4, \"x\": 1.0, \"y\": 2}",
                "column 'y' is not in table req (columns: reqId, ts, a, n, x)");
        cases.put("[1, 2]", "a row of table req must be a JSON object {column: value, ...}, got array");
        cases.put("{\"reqId\": ", "the request body is not valid JSON: Unexpected end-of-input within/between Object entries");
        cases.put("", "the request has no body (expected JSON)");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post("/predict", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).as(c.getKey()).startsWith(c.getValue());
            assertThat(response.body()).doesNotContain("\n");
        }
        assertThat(post("/predict", REQUEST).statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aBadAppendStoresNothing() throws Exception {
        HttpResponse<String> response = post("/tables/events", "[{\"ts\": 1, \"a\": \"u\"}, {\"ts\": 2, \"a\": 7}]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("row 1: column 'a' of table events: expected string, got 7; no row was appended");
        assertThat(json(post("/tables/events", "{\"ts\": 1, \"a\": \"u\"}")).get("error").asText())
                .isEqualTo("POST /tables/events takes a JSON array of rows, got object");
        assertThat(json(post("/tables/nope", "[]")).get("error").asText())
                .isEqualTo("table nope is not read by the SQL: table nope is not read by the SQL");
        assertThat(json(post("/predict?features=true", REQUEST)).get("features").get("seen").longValue()).isZero();
        assertThat(service.metrics().snapshot().get("appended_rows")).isEqualTo(0L);
    }

    @Test
    void unknownPathsMethodsAndLargeBodies() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText())
                .isEqualTo("no endpoint GET /nope (endpoints: POST /predict, POST /tables/NAME, GET /health, GET /metrics)");
        HttpResponse<String> wrongMethod = get("/predict");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").asText()).isEqualTo("/predict takes POST, not GET");
        HttpResponse<String> large = post("/predict", "{\"reqId\": \"" + "x".repeat(1000) + "\"}");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(json(large).get("error").asText()).isEqualTo("the request body exceeds serve.max-body-bytes = 1000");
    }

    @Test
    void healthAndMetricsCountRequestsErrorsAndLatency() throws Exception {
        JsonNode health = json(get("/health"));
        assertThat(health.toString()).isEqualTo(
                "{\"status\":\"ok\",\"main_table\":\"req\",\"features\":5,\"model_fields\":4,\"history_rows\":{}}");
        for (int i = 0; i < 3; i++) {
            assertThat(post("/predict", REQUEST).statusCode()).isEqualTo(200);
        }
        assertThat(post("/predict", "{}").statusCode()).isEqualTo(400);
        assertThat(post("/tables/events", "[{\"ts\": 1, \"a\": \"u\"}]").statusCode()).isEqualTo(200);
        JsonNode metrics = json(get("/metrics"));
        JsonNode predict = metrics.get("predict");
        assertThat(predict.get("requests").longValue()).isEqualTo(4);
        assertThat(predict.get("ok").longValue()).isEqualTo(3);
        assertThat(predict.get("client_errors").longValue()).isEqualTo(1);
        assertThat(predict.get("server_errors").longValue()).isZero();
        assertThat(predict.get("latency_ms").fieldNames()).toIterable().containsExactly("p50", "p95", "p99", "max");
        assertThat(predict.get("latency_ms").get("p50").doubleValue()).isPositive();
        assertThat(metrics.get("tables").get("ok").longValue()).isEqualTo(1);
        assertThat(metrics.get("health").get("requests").longValue()).isEqualTo(1);
        assertThat(metrics.get("appended_rows").longValue()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsAllGetTheirOwnAnswer() throws Exception {
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = "{\"reqId\": \"r" + i + "\", \"ts\": 5, \"a\": \"u\", \"n\": " + i + ", \"x\": " + (i % 3) + "}";
            futures.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/predict?features=true")).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 40; i++) {
            JsonNode answer = json(futures.get(i).get());
            assertThat(answer.get("features").get("reqId_1").asText()).isEqualTo("r" + i);
            assertThat(answer.get("probability").doubleValue()).isEqualTo(expected("u", "u_" + (i % 3), (double) (i % 3), 0));
        }
    }
}

package io.windrow.jobs.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.windrow.sql.request.RequestEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The predict service's endpoints, independent of the HTTP server that carries them:
 * <ul>
 * <li>{@code POST /predict[?features=true]}: one request row of the main table as a JSON object;
 *     answers {@code {"probability": p}} (and {@code "features": {...}}, the feature row).</li>
 * <li>{@code POST /tables/NAME}: a JSON array of rows of table NAME, appended to the history. Every
 *     row is checked before the first is stored, so a row of the wrong shape stores none.</li>
 * <li>{@code GET /health}: {@code {"status": "ok", ...}}; {@code GET /metrics}: {@link ServeMetrics}.</li>
 * </ul>
 * Bad input answers 400 with {@code {"error": "one line naming the column"}}; an unexpected failure
 * answers 500 and is logged. Neither stops the service.
 */
final class PredictService {
    private static final Logger LOG = LoggerFactory.getLogger(PredictService.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENDPOINTS = "POST /predict, POST /tables/NAME, GET /health, GET /metrics";

    /** An answer: HTTP status and JSON body. */
    record Reply(int status, byte[] body) {
        Reply {
            requireNonNull(body, "body");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Predictor predictor;
    private final ServeMetrics metrics;
    private final Map<String, Object> info;
    private final RowCodec requests;
    private final RowCodec features;
    private final Map<String, RowCodec> tables = new ConcurrentHashMap<>();
    private final Object appendLock = new Object();

    /** @param info figures shown by {@code /health} (history rows loaded, model fields, ...) */
    PredictService(Predictor predictor, ServeMetrics metrics, Map<String, Object> info) {
        this.predictor = requireNonNull(predictor, "predictor");
        this.metrics = requireNonNull(metrics, "metrics");
        this.info = Map.copyOf(info);
        RequestEngine engine = predictor.engine();
        this.requests = RowCodec.forInput(engine.mainTable(), engine.tableSchema(engine.mainTable()));
        this.features = RowCodec.forOutput("features", predictor.outputSchema());
    }

    ServeMetrics metrics() {
        return metrics;
    }

    /**
     * Answers one request.
     *
     * @param query the query string's parameters (name -> value)
     * @param body the request body; empty when there is none
     */
    Reply handle(String method, String path, Map<String, String> query, byte[] body) {
        long start = System.nanoTime();
        ServeMetrics.Endpoint endpoint = endpoint(path);
        Reply reply;
        try {
            reply = route(endpoint, method, path, query, body);
        } catch (BadRequestException e) {
            reply = error(400, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = error(503, "the service is stopping");
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            reply = error(500, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
        }
        metrics.record(endpoint, reply.status(), System.nanoTime() - start);
        return reply;
    }

    private Reply route(ServeMetrics.Endpoint endpoint, String method, String path, Map<String, String> query, byte[] body)
            throws InterruptedException {
        String expected = switch (endpoint) {
            case PREDICT, APPEND -> "POST";
            case HEALTH, METRICS -> "GET";
            case OTHER -> null;
        };
        if (expected == null) {
            return error(404, "no endpoint " + method + " " + path + " (endpoints: " + ENDPOINTS + ")");
        }
        if (!expected.equals(method)) {
            return error(405, path + " takes " + expected + ", not " + method);
        }
        return switch (endpoint) {
            case PREDICT -> predict(query, body);
            case APPEND -> append(path.substring("/tables/".length()), body);
            case HEALTH -> json(200, health());
            case METRICS -> json(200, metrics.snapshot());
            case OTHER -> throw new IllegalStateException("unreachable");
        };
    }

    private Reply predict(Map<String, String> query, byte[] body) throws InterruptedException {
        boolean withFeatures = flag(query, "features");
        Object[] request = requests.decode(parse(body));
        Predictor.Prediction prediction;
        try {
            prediction = predictor.predict(request);
        } catch (IllegalArgumentException e) {
            // the engine's refusal of the row (a NULL or negative order key), naming the column
            throw new BadRequestException(oneLine(e.getMessage()), e);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("probability", prediction.probability());
        if (withFeatures) {
            answer.set("features", features.encode(prediction.features()));
        }
        return json(200, answer);
    }

    private Reply append(String table, byte[] body) {
        RowCodec codec = codec(table);
        JsonNode rows = parse(body);
        if (!rows.isArray()) {
            throw new BadRequestException("POST /tables/" + table + " takes a JSON array of rows, got "
                    + rows.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        List<Object[]> decoded = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                decoded.add(codec.decode(rows.get(i)));
            } catch (BadRequestException e) {
                throw new BadRequestException("row " + i + ": " + e.getMessage() + "; no row was appended", e);
            }
        }
        RequestEngine engine = predictor.engine();
        // One batch at a time, so that a refused row is reported with exactly the rows stored before it.
        synchronized (appendLock) {
            for (int i = 0; i < decoded.size(); i++) {
                try {
                    engine.append(codec.table(), decoded.get(i));
                } catch (IllegalArgumentException e) {
                    metrics.appended(i);
                    throw new BadRequestException("row " + i + ": " + oneLine(e.getMessage()) + "; "
                            + (i == 0 ? "no row was appended" : "rows 0 to " + (i - 1) + " were appended"), e);
                }
            }
        }
        metrics.appended(decoded.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("table", codec.table());
        answer.put("appended", decoded.size());
        return json(200, answer);
    }

    private RowCodec codec(String table) {
        RowCodec codec = tables.get(table);
        if (codec != null) {
            return codec;
        }
        if (table.isEmpty() || table.contains("/")) {
            throw new BadRequestException("POST /tables/NAME: '" + table + "' is not a table name");
        }
        org.apache.spark.sql.types.StructType schema;
        try {
            schema = predictor.engine().tableSchema(table);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new BadRequestException("table " + table + " is not read by the SQL: " + oneLine(String.valueOf(e.getMessage())), e);
        }
        if (schema == null) {
            throw new BadRequestException("table " + table + " is not read by the SQL");
        }
        return tables.computeIfAbsent(table, name -> RowCodec.forInput(name, schema));
    }

    private Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("main_table", predictor.engine().mainTable());
        out.put("features", predictor.outputSchema().size());
        out.put("model_fields", predictor.fields().size());
        out.putAll(info);
        return out;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("the request has no body (expected JSON)");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestException("the request body is empty (expected JSON)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the request body is not valid JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (java.io.IOException e) {
            throw new BadRequestException("cannot read the request body: " + e.getMessage(), e);
        }
    }

    private static boolean flag(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true") || value.equals("1")) {
            return true;
        }
        throw new BadRequestException("query parameter " + name + " must be true or false, got '" + value + "'");
    }

    private static ServeMetrics.Endpoint endpoint(String path) {
        if (path.equals("/predict")) {
            return ServeMetrics.Endpoint.PREDICT;
        }
        if (path.startsWith("/tables/")) {
            return ServeMetrics.Endpoint.APPEND;
        }
        if (path.equals("/health")) {
            return ServeMetrics.Endpoint.HEALTH;
        }
        if (path.equals("/metrics")) {
            return ServeMetrics.Endpoint.METRICS;
        }
        return ServeMetrics.Endpoint.OTHER;
    }

    static Reply error(int status, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        return json(status, node);
    }

    private static Reply json(int status, Object value) {
        try {
            return new Reply(status, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}

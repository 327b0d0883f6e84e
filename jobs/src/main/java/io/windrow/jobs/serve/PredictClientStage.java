package io.windrow.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.windrow.jobs.InputDataException;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/windrow predict}: the client of the predict service, as the JD demo's
 * {@code predict.py}: sends one request row (a JSON file, or the demo's request of the JD sample)
 * to {@code POST /predict} and prints the service's answer. An answer other than 200 fails with
 * the service's one-line reason.
 */
public final class PredictClientStage implements Stage {
    /** The JD demo's request, a row of the JD sample's flattenRequest. */
    static final String DEMO_REQUEST = "jd-request.json";

    public static void main(String[] args) {
        StageMain.main(new PredictClientStage(), args);
    }

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String description() {
        return "send one request row to a running predict service (scripts/windrow serve) and print its probability";
    }

    @Override
    public boolean needsSpark() {
        return false;
    }

    @Override
    public void validate(Config config) {
        uri(config.getConfig("predict"));
        if (config.getInt("predict.timeout-seconds") < 1) {
            throw new WindrowException("predict.timeout-seconds must be at least 1, got " + config.getInt("predict.timeout-seconds"));
        }
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        Config config = context.stageConfig();
        String request = requestBody(config.getString("request"));
        boolean features = config.getBoolean("features");
        URI uri = uri(config).resolve("/predict" + (features ? "?features=true" : ""));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.getInt("timeout-seconds"))).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(config.getInt("timeout-seconds")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new WindrowException("predict.url: no service answers at " + config.getString("url")
                    + " (start one with scripts/windrow serve)", e);
        } catch (IOException e) {
            throw new WindrowException("predict.url: " + config.getString("url") + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        JsonNode answer;
        try {
            answer = PredictService.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new WindrowException("predict: the service at " + uri + " answered " + response.statusCode()
                    + " with a body that is not JSON", e);
        }
        if (response.statusCode() != 200) {
            String reason = answer.path("error").asText(response.body());
            if (response.statusCode() == 400) {
                throw new InputDataException("predict: the service refused the request: " + reason);
            }
            throw new WindrowException("predict: the service answered " + response.statusCode() + ": " + reason);
        }
        System.out.println(PredictService.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        return new StageResult(String.format(Locale.ROOT, "probability %.6f from %s", answer.path("probability").asDouble(), uri));
    }

    private static URI uri(Config config) {
        String url = config.getString("url");
        try {
            URI uri = URI.create(url);
            if (!List.of("http").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http://HOST:PORT");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new WindrowException("predict.url must be http://HOST:PORT, got '" + url + "'", e);
        }
    }

    private static String requestBody(String file) {
        if (file.isBlank()) {
            try (InputStream in = PredictClientStage.class.getResourceAsStream(DEMO_REQUEST)) {
                if (in == null) {
                    throw new IllegalStateException("the demo request " + DEMO_REQUEST + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try {
            return Files.readString(Path.of(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new WindrowException("predict.request: file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new WindrowException("predict.request: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

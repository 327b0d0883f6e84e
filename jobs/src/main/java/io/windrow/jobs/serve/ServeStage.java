package io.windrow.jobs.serve;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.sql.request.RequestEngine;
import io.windrow.sql.request.RequestEngines;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * {@code scripts/windrow serve}: the predict service. Loads a finished pipeline's outputs and the
 * history tables ({@link ServeSetup}), stops Spark, and answers HTTP JSON requests
 * ({@link PredictService}) until the process is stopped (Ctrl-C or SIGTERM). A preprocess state or
 * model that does not fit the SQL's feature columns refuses to start, naming the mismatch.
 */
public final class ServeStage implements Stage {
    private final BiFunction<String, Map<String, StructType>, RequestEngine> engines;

    public ServeStage() {
        this(RequestEngines::create);
    }

    /** With another request engine factory (tests). */
    ServeStage(BiFunction<String, Map<String, StructType>, RequestEngine> engines) {
        this.engines = requireNonNull(engines, "engines");
    }

    public static void main(String[] args) {
        StageMain.main(new ServeStage(), args);
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String description() {
        return "predict service: the feature SQL for one request row, preprocess and model, over HTTP JSON (POST /predict)";
    }

    @Override
    public void validate(Config config) {
        ServeSettings.from(config);
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        ServeSettings settings = ServeSettings.from(context.config());
        SparkSession spark = context.spark();
        ServeSetup.Prepared prepared = ServeSetup.prepare(settings, spark, engines, 0);
        // The history is in the engine now; Spark's threads and memory are not needed to answer requests.
        spark.stop();
        try (Running running = Running.start(settings, prepared)) {
            System.out.println(running.banner());
            Runtime.getRuntime().addShutdownHook(new Thread(running::stopQuietly, "windrow-serve-stop"));
            running.server().join();
            ServeMetrics metrics = running.service().metrics();
            return new StageResult(String.format(Locale.ROOT, "served %d predictions", metrics.requests(ServeMetrics.Endpoint.PREDICT)));
        }
    }

    /** A started service: the HTTP server over the prepared predictor. */
    record Running(ServeSettings settings, PredictService service, PredictServer server, ServeSetup.Prepared prepared)
            implements AutoCloseable {
        static Running start(ServeSettings settings, ServeSetup.Prepared prepared) throws Exception {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("history_rows", prepared.historyRows());
            info.put("history_heap_mb", Math.round(prepared.historyHeapBytes() / 1e5) / 10.0);
            PredictService service = new PredictService(prepared.predictor(), new ServeMetrics(), info);
            PredictServer server = PredictServer.start(service, settings.host(), settings.port(), settings.threads(),
                    settings.maxBodyBytes());
            return new Running(settings, service, server, prepared);
        }

        String url() {
            String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
            return "http://" + host + ":" + server.port();
        }

        String banner() {
            long rows = prepared.historyRows().values().stream().mapToLong(Long::longValue).sum();
            return String.format(Locale.ROOT, "windrow serve: serving on %s (%s; %d history rows of %s, about %.1f MB of heap; "
                    + "%d features, %d model fields; Ctrl-C stops)", url(), String.join(", ", List.of("POST /predict",
                    "POST /tables/NAME", "GET /health", "GET /metrics")), rows, prepared.historyRows().keySet(),
                    prepared.historyHeapBytes() / 1e6, prepared.predictor().outputSchema().size(), prepared.predictor().fields().size());
        }

        void stopQuietly() {
            try {
                server.close();
            } catch (Exception e) {
                // stopping at exit: nothing more to do
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}

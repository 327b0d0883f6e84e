package io.windrow.jobs.serve;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.sql.request.RequestEngine;
import io.windrow.sql.request.RequestEngines;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.spark.sql.types.StructType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * {@code scripts/windrow bench serve}: starts the predict service on loopback with the
 * {@code serve.*} outputs and history, then replays the main table's stored rows as requests from
 * {@code serve.bench.clients} concurrent clients at {@code serve.bench.rate} requests per second
 * (open loop: request i is due at i/rate, and its latency counts from then, so a slow answer
 * delays the clock rather than hiding in it), bounded by a request count and a time limit. The
 * baseline, measured in the same run, is the same requests scored in-process on one thread without
 * HTTP. Prints JSON (throughput, p50/p95/p99, errors, history rows and heap) and a summary line.
 */
public final class ServeBench {
    private ServeBench() {
    }

    public static StageResult run(StageContext context) throws Exception {
        return run(context, RequestEngines::create);
    }

    static StageResult run(StageContext context, BiFunction<String, Map<String, StructType>, RequestEngine> engines)
            throws Exception {
        Config bench = context.config().getConfig("serve.bench");
        int clients = positive(bench, "clients");
        int rate = positive(bench, "rate");
        int requests = positive(bench, "requests");
        int warmup = bench.getInt("warmup");
        int maxSeconds = positive(bench, "max-seconds");
        if (warmup < 0) {
            throw new WindrowException("serve.bench.warmup must be 0 or more, got " + warmup);
        }
        ServeSettings configured = ServeSettings.from(context.config());
        // loopback only, on any free port: the benchmark never exposes the service
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, Math.max(configured.threads(), clients),
                configured.modelCopies(), configured.sql(), configured.ddl(), configured.preprocess(), configured.model(),
                configured.tables(), configured.tablesKey(), configured.inputDir(), configured.maxBodyBytes());
        ServeSetup.Prepared prepared = ServeSetup.prepare(settings, context.spark(), engines, requests + warmup);
        List<Object[]> rows = prepared.sampleRequests();
        RequestEngine engine = prepared.predictor().engine();
        if (rows.isEmpty()) {
            throw new WindrowException("bench serve: the main table " + engine.mainTable()
                    + " has no history rows to replay as requests (" + settings.tablesKey() + ")");
        }
        RowCodec codec = RowCodec.forInput(engine.mainTable(), engine.tableSchema(engine.mainTable()));
        List<byte[]> bodies = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            bodies.add(PredictService.JSON.writeValueAsBytes(codec.encode(row)));
        }

        Histogram inProcess = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < warmup + requests; i++) {
            long start = System.nanoTime();
            prepared.predictor().predict(rows.get(i % rows.size()));
            if (i >= warmup) {
                inProcess.recordValue((System.nanoTime() - start) / 1000);
            }
        }

        Map<String, Object> http;
        try (ServeStage.Running running = ServeStage.Running.start(settings, prepared)) {
            http = drive(URI.create(running.url() + "/predict"), bodies, clients, rate, requests, warmup, maxSeconds);
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "serve");
        report.put("main_table", engine.mainTable());
        report.put("features", prepared.predictor().outputSchema().size());
        report.put("clients", clients);
        report.put("target_rate_rps", rate);
        report.put("http", http);
        Map<String, Object> baseline = new LinkedHashMap<>();
        baseline.put("requests", inProcess.getTotalCount());
        baseline.put("latency_ms", ServeMetrics.percentiles(inProcess));
        report.put("in_process_baseline", baseline);
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) http.get("latency_ms");
        double p50 = (double) latency.get("p50");
        double p99 = (double) latency.get("p99");
        double baseP50 = inProcess.getValueAtPercentile(50) / 1000.0;
        report.put("p50_ratio_to_in_process", baseP50 > 0 ? Math.round(p50 / baseP50 * 100) / 100.0 : null);
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("rows", prepared.historyRows());
        history.put("heap_mb", Math.round(prepared.historyHeapBytes() / 1e5) / 10.0);
        report.put("history", history);
        System.out.println(PredictService.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        return new StageResult(String.format(Locale.ROOT,
                "serve: %d requests from %d clients at %.1f req/s (target %d): p50 %.2f ms, p99 %.2f ms (in-process p50 %.2f ms), "
                        + "%d errors; history %d rows, about %.1f MB of heap",
                (long) http.get("requests"), clients, (double) http.get("throughput_rps"), rate, p50, p99, baseP50,
                (long) http.get("errors"), prepared.historyRows().values().stream().mapToLong(Long::longValue).sum(),
                prepared.historyHeapBytes() / 1e6));
    }

    /**
     * Sends {@code warmup} POSTs as fast as the clients go (not counted: the JIT, connections), then
     * {@code requests} POSTs from {@code clients} threads on the open-loop schedule.
     */
    static Map<String, Object> drive(URI uri, List<byte[]> bodies, int clients, int rate, int requests, int warmup,
            int maxSeconds) throws InterruptedException {
        List<HttpClient> httpClients = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            httpClients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        AtomicInteger next = new AtomicInteger();
        runClients(clients, c -> {
            for (int i = next.getAndIncrement(); i < warmup; i = next.getAndIncrement()) {
                send(httpClients.get(c), uri, bodies.get(i % bodies.size()));
            }
        });

        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 20_000_000L;
        long deadline = start + maxSeconds * 1_000_000_000L;
        AtomicInteger scheduled = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        AtomicLong lastDone = new AtomicLong(start);
        ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        runClients(clients, c -> {
            while (true) {
                int i = scheduled.getAndIncrement();
                long due = start + i * interval;
                if (i >= requests || due > deadline) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String outcome = send(httpClients.get(c), uri, bodies.get((warmup + i) % bodies.size()));
                long done = System.nanoTime();
                lastDone.accumulateAndGet(done, Math::max);
                counted.incrementAndGet();
                latency.recordValue(Math.max(0, (done - due) / 1000));
                if (outcome != null) {
                    errors.incrementAndGet();
                    if (firstErrors.size() < 5) {
                        firstErrors.add(outcome);
                    }
                }
            }
        });
        long n = counted.get();
        double seconds = n == 0 ? 0 : (lastDone.get() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", n);
        out.put("seconds", Math.round(seconds * 1000) / 1000.0);
        out.put("throughput_rps", seconds > 0 ? Math.round(n / seconds * 10) / 10.0 : 0.0);
        out.put("latency_ms", ServeMetrics.percentiles(latency));
        out.put("errors", errors.get());
        out.put("first_errors", List.copyOf(firstErrors));
        out.put("stopped_by_time_limit", n < requests);
        return out;
    }

    /** One POST; null when it was answered 200, else the status and body (or the I/O error). */
    private static String send(HttpClient client, URI uri, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void runClients(int clients, java.util.function.IntConsumer client) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread thread = new Thread(() -> client.accept(id), "windrow-bench-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static int positive(Config config, String key) {
        int value = config.getInt(key);
        if (value < 1) {
            throw new WindrowException("serve.bench." + key + " must be at least 1, got " + value);
        }
        return value;
    }
}

package io.windrow.jobs.serve;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's counters for {@code GET /metrics}: per endpoint the requests answered, split into
 * successes, client errors (4xx) and server errors (5xx), and the distribution of their latency
 * (HdrHistogram, microseconds, 3 significant digits) from which p50/p95/p99 are read; plus the
 * rows appended. Thread-safe and lock-free on the request path.
 */
final class ServeMetrics {
    /** The endpoints counted; anything else is counted as {@code other}. */
    enum Endpoint {
        PREDICT("predict"), APPEND("tables"), HEALTH("health"), METRICS("metrics"), OTHER("other");

        final String key;

        Endpoint(String key) {
            this.key = key;
        }
    }

    private static final long MAX_MICROS = 3_600_000_000L;

    private final long startNanos = System.nanoTime();
    private final Map<Endpoint, Counters> counters = new java.util.EnumMap<>(Endpoint.class);
    private final LongAdder appendedRows = new LongAdder();

    ServeMetrics() {
        for (Endpoint endpoint : Endpoint.values()) {
            counters.put(endpoint, new Counters());
        }
    }

    void record(Endpoint endpoint, int status, long nanos) {
        Counters c = counters.get(endpoint);
        c.requests.increment();
        if (status >= 500) {
            c.serverErrors.increment();
        } else if (status >= 400) {
            c.clientErrors.increment();
        } else {
            c.ok.increment();
        }
        c.latency.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    void appended(long rows) {
        appendedRows.add(rows);
    }

    long requests(Endpoint endpoint) {
        return counters.get(endpoint).requests.sum();
    }

    /** The figures as nested maps, ready for JSON. */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptime_s", Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0);
        for (Map.Entry<Endpoint, Counters> entry : counters.entrySet()) {
            Counters c = entry.getValue();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("requests", c.requests.sum());
            figures.put("ok", c.ok.sum());
            figures.put("client_errors", c.clientErrors.sum());
            figures.put("server_errors", c.serverErrors.sum());
            figures.put("latency_ms", percentiles(c.latency.copy()));
            out.put(entry.getKey().key, figures);
        }
        out.put("appended_rows", appendedRows.sum());
        return out;
    }

    /** p50, p95, p99 and max of a histogram of microseconds, in milliseconds (NaN-free: 0 when empty). */
    static Map<String, Object> percentiles(Histogram micros) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", ms(micros.getValueAtPercentile(50)));
        out.put("p95", ms(micros.getValueAtPercentile(95)));
        out.put("p99", ms(micros.getValueAtPercentile(99)));
        out.put("max", ms(micros.getMaxValue()));
        return out;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder clientErrors = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final ConcurrentHistogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
    }
}

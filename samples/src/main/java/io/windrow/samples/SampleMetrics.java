package io.windrow.samples;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The samples job's figures, computed from the outcome table (one row per key or bad input row)
 * and the written samples. Counts add up across streaming micro-batches; {@link #finish} derives
 * the rates. Names (in {@code _metrics.json}): events_read, exposures, samples, ...; see README.
 */
public final class SampleMetrics {
    private final Map<String, Long> counts = new TreeMap<>();

    /** Adds the counts of one outcome table and the sample rows written from it (two small aggregations). */
    public synchronized void add(Dataset<Row> outcomes, Dataset<Row> written, List<String> labels) {
        // One row per (kind, joined): a handful of rows, summed here.
        List<Row> groups = outcomes.groupBy("kind", "joined").agg(
                count(lit(1)).as("keys"),
                sum("inputEvents").as("inputEvents"),
                sum("duplicateEvents").as("duplicateEvents"),
                sum("exposures").as("exposures"),
                sum("earlyEvents").as("earlyEvents"),
                sum("lateEvents").as("lateEvents"),
                sum("clampedEvents").as("clampedEvents"),
                sum("logRows").as("logRows"),
                sum("logRowsFiltered").as("logRowsFiltered"),
                sum("logDuplicates").as("logDuplicates"),
                sum("logOutOfBounds").as("logOutOfBounds")).collectAsList();
        Map<String, Long> add = new LinkedHashMap<>();
        for (String name : List.of("events_read", "events_valid", "duplicate_events", "exposures", "samples",
                "keys_without_exposure", "events_dropped_without_exposure", "events_before_exposure", "events_after_window",
                "future_events_clamped", "log_rows_read", "log_rows_filtered", "log_duplicates", "log_keys_without_events",
                "log_out_of_join_bounds", "joined")) {
            add.put(name, 0L);
        }
        for (Row g : groups) {
            String kind = g.getString(0);
            boolean joined = g.getBoolean(1);
            long keys = g.getLong(2);
            long events = value(g, "inputEvents");
            long duplicates = value(g, "duplicateEvents");
            add.merge("events_read", events, Long::sum);
            add.merge("duplicate_events", duplicates, Long::sum);
            add.merge("exposures", value(g, "exposures"), Long::sum);
            add.merge("events_before_exposure", value(g, "earlyEvents"), Long::sum);
            add.merge("events_after_window", value(g, "lateEvents"), Long::sum);
            add.merge("future_events_clamped", value(g, "clampedEvents"), Long::sum);
            add.merge("log_rows_read", value(g, "logRows"), Long::sum);
            add.merge("log_rows_filtered", value(g, "logRowsFiltered"), Long::sum);
            add.merge("log_duplicates", value(g, "logDuplicates"), Long::sum);
            add.merge("log_out_of_join_bounds", value(g, "logOutOfBounds"), Long::sum);
            if (kind.startsWith("bad_")) {
                add.merge(kind, keys, Long::sum);
                continue;
            }
            add.merge("events_valid", events, Long::sum);
            switch (kind) {
                case KeyOutcome.SAMPLE -> {
                    add.merge("samples", keys, Long::sum);
                    if (joined) {
                        add.merge("joined", keys, Long::sum);
                    }
                }
                case KeyOutcome.NO_EXPOSURE -> {
                    add.merge("keys_without_exposure", keys, Long::sum);
                    add.merge("events_dropped_without_exposure", events - duplicates, Long::sum);
                }
                case KeyOutcome.LOG_ONLY -> add.merge("log_keys_without_events", keys, Long::sum);
                default -> throw new IllegalStateException("unknown outcome kind " + kind);
            }
        }
        add.forEach(this::addCount);
        List<Column> positives = new ArrayList<>();
        for (String label : labels) {
            Column value = col("`" + label + "`");
            positives.add(count(when(value.cast("double").gt(0), lit(1))).as("positives." + label));
        }
        Row out = written.agg(count(lit(1)).as("samples_written"), positives.toArray(Column[]::new)).first();
        for (String name : out.schema().fieldNames()) {
            addCount(name, out.getLong(out.fieldIndex(name)));
        }
    }

    private static long value(Row row, String name) {
        int i = row.fieldIndex(name);
        return row.isNullAt(i) ? 0L : row.getLong(i);
    }

    public synchronized void addCount(String name, long value) {
        counts.merge(name, value, Long::sum);
    }

    public synchronized long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** The counts plus join_rate (joined / samples) and positive_rate.LABEL (over written samples). */
    public synchronized Map<String, Object> finish(List<String> labels) {
        Map<String, Object> metrics = new LinkedHashMap<>(counts);
        long samples = get("samples");
        metrics.put("join_rate", samples == 0 ? 0.0 : round((double) get("joined") / samples));
        long written = get("samples_written");
        for (String label : labels) {
            metrics.put("positive_rate." + label, written == 0 ? 0.0 : round((double) get("positives." + label) / written));
        }
        return metrics;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

}

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

    /** Adds the counts of one outcome table and the sample rows written from it. */
    public synchronized void add(Dataset<Row> outcomes, Dataset<Row> written, List<String> labels) {
        Column isSample = col("kind").equalTo(KeyOutcome.SAMPLE);
        Column noExposure = col("kind").equalTo(KeyOutcome.NO_EXPOSURE);
        Column good = col("kind").startsWith("bad_").equalTo(false);
        Row row = outcomes.agg(
                sum("inputEvents").as("events_read"),
                sumIf(good, "inputEvents").as("events_valid"),
                sum("duplicateEvents").as("duplicate_events"),
                sum("exposures").as("exposures"),
                count(when(isSample, lit(1))).as("samples"),
                count(when(noExposure, lit(1))).as("keys_without_exposure"),
                sum(when(noExposure, col("inputEvents").minus(col("duplicateEvents"))).otherwise(lit(0L))).as("events_dropped_without_exposure"),
                sum("earlyEvents").as("events_before_exposure"),
                sum("lateEvents").as("events_after_window"),
                sum("clampedEvents").as("future_events_clamped"),
                sum("logRows").as("log_rows_read"),
                sum("logRowsFiltered").as("log_rows_filtered"),
                sum("logDuplicates").as("log_duplicates"),
                count(when(col("kind").equalTo(KeyOutcome.LOG_ONLY), lit(1))).as("log_keys_without_events"),
                sum("logOutOfBounds").as("log_out_of_join_bounds"),
                count(when(isSample.and(col("joined")), lit(1))).as("joined"))
                .first();
        for (String name : row.schema().fieldNames()) {
            addCount(name, row.isNullAt(row.fieldIndex(name)) ? 0L : ((Number) row.getAs(name)).longValue());
        }
        for (Row bad : outcomes.filter(good.equalTo(false)).groupBy("kind").count().collectAsList()) {
            addCount(bad.getString(0), bad.getLong(1));
        }
        List<Column> positives = new ArrayList<>();
        positives.add(count(lit(1)).as("samples_written"));
        for (String label : labels) {
            Column value = col("`" + label + "`");
            positives.add(count(when(value.cast("double").gt(0), lit(1))).as("positives." + label));
        }
        Row out = written.agg(positives.get(0), positives.subList(1, positives.size()).toArray(Column[]::new)).first();
        for (String name : out.schema().fieldNames()) {
            addCount(name, out.getLong(out.fieldIndex(name)));
        }
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

    private static Column sumIf(Column condition, String column) {
        return sum(when(condition, col(column)).otherwise(lit(0L)));
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

}

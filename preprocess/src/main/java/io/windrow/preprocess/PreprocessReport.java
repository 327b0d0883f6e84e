package io.windrow.preprocess;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable summary of a default-mode run: rows, splits, and one line per field. */
public final class PreprocessReport {
    private PreprocessReport() {}

    @SuppressWarnings("unchecked")
    static String render(FittedPreprocessor fitted, Map<String, Object> metadata, Map<String, Map<String, Object>> splitStats,
            Map<String, Map<String, Double>> oovRates, Map<String, Double> nullRatesTrain,
            Map<String, Map<String, Object>> hashStats) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> rows = (Map<String, Object>) metadata.get("rows");
        Map<String, Object> split = (Map<String, Object>) metadata.get("split");
        out.append(String.format(Locale.ROOT, "preprocess: %d fields, %d ids; %s input rows, %s without label (%s), %s without split time%n",
                fitted.fields().size(), fitted.totalIds(), rows.get("input"), rows.get("label_missing"),
                rows.get("label_missing_action"), rows.get("dropped_without_split_time")));
        out.append("split by ").append(split.get("by"));
        if (split.containsKey("time_column")) {
            out.append(" on ").append(split.get("time_column")).append(", cutoffs ").append(split.get("cutoffs"));
        } else {
            out.append(" of ").append(split.get("hash_key"));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  %-6s %12s %14s%n", "split", "rows", "positive_rate"));
        splitStats.forEach((name, stats) -> out.append(String.format(Locale.ROOT, "  %-6s %12s %14s%n", name, stats.get("rows"),
                stats.get("positive_rate"))));
        out.append(String.format(Locale.ROOT, "  %-52s %-10s %9s %9s %8s %s%n", "field", "kind", "ids", "offset", "null%",
                "oov% train/val/test | hash collisions (est.)"));
        for (FittedField field : fitted.fields()) {
            String extra = "";
            if (oovRates.containsKey(field.name())) {
                Map<String, Double> rates = oovRates.get(field.name());
                extra = String.format(Locale.ROOT, "%.2f/%.2f/%.2f", 100 * rates.getOrDefault("train", 0.0),
                        100 * rates.getOrDefault("val", 0.0), 100 * rates.getOrDefault("test", 0.0));
            } else if (hashStats.containsKey(field.name())) {
                Map<String, Object> stats = hashStats.get(field.name());
                extra = String.format(Locale.ROOT, "%s of %s values", stats.get("expected_colliding_values"),
                        stats.get("distinct_values_train"));
            }
            out.append(String.format(Locale.ROOT, "  %-52s %-10s %9d %9d %8.2f %s%n", field.name(), field.encoding().kind(),
                    field.cardinality(), field.offset(), 100 * nullRatesTrain.getOrDefault(field.name(), 0.0), extra));
        }
        return out.toString();
    }

}

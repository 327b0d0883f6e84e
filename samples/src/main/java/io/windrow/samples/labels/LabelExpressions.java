package io.windrow.samples.labels;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.expr;

/**
 * The label columns of the config ({@code samples.labels { name = "SQL expression" }}). A label
 * may use other labels (e.g. {@code ln_play_time = "ln(if(playtime<0,0,playtime)+1)"}); since a
 * HOCON object has no order, the labels are added in dependency order (names referenced as whole
 * identifiers), ties by name. A cycle fails with the labels involved.
 */
public final class LabelExpressions {
    private final Map<String, String> ordered;

    public LabelExpressions(Map<String, String> expressions) {
        this.ordered = order(new TreeMap<>(expressions));
    }

    /** Label names in output order (by name; they are computed in dependency order). */
    public List<String> names() {
        return ordered.keySet().stream().sorted().toList();
    }

    public Dataset<Row> apply(Dataset<Row> samples) {
        Dataset<Row> result = samples;
        for (Map.Entry<String, String> label : ordered.entrySet()) {
            try {
                result = result.withColumn(label.getKey(), expr(label.getValue()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("samples.labels." + label.getKey() + " = \"" + label.getValue()
                        + "\": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return result;
    }

    private static Map<String, String> order(TreeMap<String, String> expressions) {
        Map<String, String> ordered = new LinkedHashMap<>();
        while (ordered.size() < expressions.size()) {
            boolean progressed = false;
            for (Map.Entry<String, String> label : expressions.entrySet()) {
                if (ordered.containsKey(label.getKey())) {
                    continue;
                }
                boolean ready = true;
                for (String other : expressions.keySet()) {
                    if (!other.equals(label.getKey()) && !ordered.containsKey(other)
                            && references(label.getValue(), other)) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    ordered.put(label.getKey(), label.getValue());
                    progressed = true;
                }
            }
            if (!progressed) {
                List<String> left = new ArrayList<>(expressions.keySet());
                left.removeAll(ordered.keySet());
                throw new IllegalArgumentException("samples.labels: labels refer to each other in a cycle: " + left);
            }
        }
        return ordered;
    }

    private static boolean references(String expression, String name) {
        // A label name inside a string literal ('click') is not a reference.
        String withoutLiterals = expression.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
        return Pattern.compile("(?<![A-Za-z0-9_`])`?" + Pattern.quote(name) + "`?(?![A-Za-z0-9_(])")
                .matcher(withoutLiterals).find();
    }
}

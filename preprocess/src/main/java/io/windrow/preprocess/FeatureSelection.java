package io.windrow.preprocess;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Which input columns become fields, and whether each is continuous or categorical. Without an
 * explicit include list every column of a supported type is a field except the label, names
 * matching an exclude pattern (identifiers such as request ids, raw event and ingestion times) and
 * timestamp/date columns; every exclusion is listed with its reason for the log.
 */
public record FeatureSelection(List<Field> fields, List<String> excluded) {
    /** A selected column: name, Spark SQL type ({@code simpleString}) and kind. */
    public record Field(String name, String sqlType, boolean continuous) {}

    public FeatureSelection {
        fields = List.copyOf(fields);
        excluded = List.copyOf(excluded);
    }

    public static FeatureSelection select(StructType schema, PreprocessOptions options) {
        requireNonNull(schema, "schema");
        Map<String, String> types = new LinkedHashMap<>();
        for (StructField column : schema.fields()) {
            types.put(column.name(), column.dataType().simpleString());
        }
        String labelColumn = options.label().column();
        List<String> excluded = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        if (!options.include().isEmpty()) {
            for (String name : options.include()) {
                String type = types.get(name);
                if (type == null) {
                    throw new IllegalArgumentException("configured field '" + name + "' is missing from the input (columns: "
                            + String.join(", ", types.keySet()) + ")");
                }
                if (!FieldValues.isSupported(type)) {
                    throw new IllegalArgumentException("configured field '" + name + "' has unsupported type " + type);
                }
                if (name.equals(labelColumn)) {
                    throw new IllegalArgumentException("configured field '" + name + "' is the label column");
                }
                chosen.add(name);
            }
            types.keySet().stream().filter(name -> !chosen.contains(name)).forEach(name -> excluded.add(name + " (not in select)"));
        } else {
            List<Pattern> patterns = options.exclude().stream().map(Pattern::compile).toList();
            for (Map.Entry<String, String> column : types.entrySet()) {
                String name = column.getKey();
                String type = column.getValue();
                if (name.equals(labelColumn)) {
                    excluded.add(name + " (label)");
                } else if (patterns.stream().anyMatch(p -> p.matcher(name).matches())) {
                    excluded.add(name + " (matches an exclude pattern)");
                } else if (!FieldValues.isSupported(type)) {
                    excluded.add(name + " (unsupported type " + type + ")");
                } else if (options.excludeTemporal() && FieldValues.isTemporal(type)) {
                    excluded.add(name + " (raw " + type + ")");
                } else {
                    chosen.add(name);
                }
            }
        }
        for (String name : options.categorical()) {
            requireChosen(name, chosen, "categorical");
            if (options.continuous().contains(name)) {
                throw new IllegalArgumentException("field '" + name + "' is listed as both categorical and continuous");
            }
        }
        options.continuous().forEach(name -> requireChosen(name, chosen, "continuous"));
        List<Field> fields = new ArrayList<>();
        for (String name : chosen) {
            String type = types.get(name);
            boolean continuous;
            if (options.continuous().contains(name)) {
                if (type.equals("string") || type.equals("date")) {
                    throw new IllegalArgumentException("field '" + name + "' of type " + type + " cannot be continuous");
                }
                continuous = true;
            } else if (options.categorical().contains(name)) {
                continuous = false;
            } else {
                continuous = FieldValues.isNumeric(type) || type.startsWith("timestamp");
            }
            fields.add(new Field(name, type, continuous));
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no field selected from the input (excluded: " + String.join("; ", excluded) + ")");
        }
        return new FeatureSelection(fields, excluded);
    }

    private static void requireChosen(String name, List<String> chosen, String list) {
        if (!chosen.contains(name)) {
            throw new IllegalArgumentException("preprocess.features." + list + " names '" + name
                    + "', which is not a selected field");
        }
    }
}

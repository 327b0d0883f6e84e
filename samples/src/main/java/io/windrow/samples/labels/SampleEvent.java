package io.windrow.samples.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One event of a sample's events column, as label functions see it: its type and its fields
 * (eventTime, duration and the extras, whether nested under "properties" or flat).
 */
public record SampleEvent(String type, Map<String, JsonNode> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SampleEvent {
        fields = Collections.unmodifiableMap(requireNonNull(fields, "fields"));
    }

    /** A field's value by name: a top-level key first, then one under "properties"; null if absent. */
    public JsonNode field(String key) {
        return fields.get(key);
    }

    /** A numeric field's value (numbers and numeric strings), or null. */
    public Double number(String key) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                double value = Double.parseDouble(node.textValue().trim());
                return Double.isFinite(value) ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Parses an events JSON array; null for null. A malformed column is a bug upstream (the stage
     * writes it), so it fails loudly rather than yielding a wrong label.
     */
    public static List<SampleEvent> parse(String json) {
        if (json == null) {
            return null;
        }
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("events column is not a JSON array: " + abbreviate(json), e);
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("events column is not a JSON array: " + abbreviate(json));
        }
        List<SampleEvent> events = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            }
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("properties")) {
                    fields.put(e.getKey(), e.getValue());
                }
            });
            JsonNode type = node.get("eventType");
            events.add(new SampleEvent(type == null || type.isNull() ? null : type.asText(), fields));
        }
        return events;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}

package io.windrow.udf.scalar;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.STRING;

/**
 * OpenMLDB's JSON helpers: {@code get_json_object} (the value a JSON Pointer, RFC 6901, selects:
 * a string without its quotes, anything else as JSON text) and {@code json_array_length}. Input
 * that is not valid JSON gives NULL. Unlike OpenMLDB, which returns an object or array as the raw
 * input text, Windrow returns it as compact JSON (no spaces), and it does not accept invalid JSON.
 */
final class JsonScalars {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonScalars() {}

    static List<ScalarFunction> all() {
        return List.of(
                Declared.function("get_json_object", "get_json_object(json, pointer): the value at the JSON Pointer "
                                + "(/a/0), a string without quotes; NULL if absent or the JSON is invalid")
                        .overload(List.of(STRING, STRING), STRING, a -> get((String) a[0], (String) a[1]))
                        .build(),
                Declared.function("json_array_length", "number of elements of a JSON array; NULL if not a JSON array")
                        .overload(List.of(STRING), INT32, a -> {
                            JsonNode node = parse((String) a[0]);
                            return node != null && node.isArray() ? node.size() : null;
                        })
                        .build());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String get(String json, String pointer) {
        JsonNode root = parse(json);
        if (root == null) {
            return null;
        }
        JsonPointer path;
        try {
            path = JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            return null;
        }
        JsonNode value = root.at(path);
        if (value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}

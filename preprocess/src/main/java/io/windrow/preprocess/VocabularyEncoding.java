package io.windrow.preprocess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Categorical field with a vocabulary of the values seen at least min-count times in training
 * (the most frequent first, bounded in size). Local ids: 0 = NULL, 1 = empty string,
 * 2 = out of vocabulary, 3 + index in {@link #values()}.
 */
public final class VocabularyEncoding implements FieldEncoding {
    public static final int EMPTY_ID = 1;
    public static final int OOV_ID = 2;

    private final List<String> values;
    private transient Map<String, Integer> index;

    @JsonCreator
    public VocabularyEncoding(@JsonProperty("values") List<String> values) {
        this.values = List.copyOf(requireNonNull(values, "values"));
    }

    @JsonProperty("values")
    public List<String> values() {
        return values;
    }

    @Override
    public int cardinality() {
        return values.size() + 3;
    }

    @Override
    public int localId(String field, String sqlType, Object value) {
        String text = FieldValues.text(field, sqlType, value);
        if (text == null) {
            return NULL_ID;
        }
        if (text.isEmpty()) {
            return EMPTY_ID;
        }
        Integer position = index().get(text);
        return position == null ? OOV_ID : 3 + position;
    }

    @Override
    public String kind() {
        return "vocabulary";
    }

    private Map<String, Integer> index() {
        Map<String, Integer> current = index;
        if (current == null) {
            current = new HashMap<>(values.size() * 2);
            for (int i = 0; i < values.size(); i++) {
                if (current.putIfAbsent(values.get(i), i) != null) {
                    throw new IllegalArgumentException("vocabulary holds '" + values.get(i) + "' twice");
                }
            }
            index = current;
        }
        return current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VocabularyEncoding that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "VocabularyEncoding[" + values.size() + " values]";
    }
}

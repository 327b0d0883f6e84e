package io.windrow.train.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the trainer needs from {@code <preprocess output>/metadata.json}: the feature fields in
 * input order, each with its slice {@code [offset, offset + cardinality)} of the single global id
 * space {@code [0, total)}, and the label column. Accepted shape:
 * <pre>{"label": "label", "total": 123, "fields": [{"name": "I1", "offset": 0, "cardinality": 10}, ...]}</pre>
 * ({@code column} names the parquet column when it differs from {@code name}; {@code size} is
 * accepted for {@code cardinality}, {@code totalIds} for {@code total}; {@code label} defaults to
 * {@code label}).
 */
public record TrainMetadata(String label, List<Field> fields, int total) {
    public static final String FILE = "metadata.json";

    /** One preprocessed column and its id range. */
    public record Field(String name, int offset, int cardinality) {
        public Field {
            requireNonNull(name, "name");
        }

        public boolean contains(long id) {
            return id >= offset && id < (long) offset + cardinality;
        }
    }

    public TrainMetadata {
        requireNonNull(label, "label");
        fields = List.copyOf(fields);
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    public static TrainMetadata read(String preprocessDir, Configuration conf) {
        Path path = new Path(preprocessDir, FILE);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new IllegalArgumentException("preprocess metadata " + path + " not found (run the preprocess stage first)");
            }
            try (FSDataInputStream in = fs.open(path)) {
                return parse(new ObjectMapper().readTree(in), path.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static TrainMetadata parse(JsonNode root, String where) {
        JsonNode fieldsNode = root.path("fields");
        if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw new IllegalArgumentException(where + ": key 'fields' (array of {name, offset, cardinality}) is missing or empty");
        }
        JsonNode totalNode = root.has("total") ? root.get("total") : root.path("totalIds");
        if (!totalNode.canConvertToLong()) {
            throw new IllegalArgumentException(where + ": key 'total' (the number of ids) is missing");
        }
        long total = totalNode.asLong();
        if (total <= 0 || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": 'total' " + total + " is outside [1, 2^31)");
        }
        List<Field> fields = new ArrayList<>();
        long expectedOffset = 0;
        for (JsonNode node : fieldsNode) {
            // "column" (the parquet column, e.g. f_C1) wins over "name" (the feature) when both are given.
            String name = node.hasNonNull("column") ? node.get("column").asText() : node.path("name").asText(null);
            JsonNode cardinality = node.has("cardinality") ? node.get("cardinality") : node.get("size");
            if (name == null || !node.path("offset").canConvertToLong() || cardinality == null) {
                throw new IllegalArgumentException(where + ": field entry " + node + " needs name, offset and cardinality");
            }
            Field field = new Field(name, node.get("offset").asInt(), cardinality.asInt());
            if (field.offset() != expectedOffset || field.cardinality() < 0) {
                throw new IllegalArgumentException(where + ": field " + name + " has offset " + field.offset()
                        + " but the fields before it end at " + expectedOffset + " (ids must tile [0, total))");
            }
            expectedOffset += field.cardinality();
            fields.add(field);
        }
        if (expectedOffset != total) {
            throw new IllegalArgumentException(where + ": fields cover " + expectedOffset + " ids but 'total' is " + total);
        }
        return new TrainMetadata(root.path("label").asText("label"), fields, (int) total);
    }
}

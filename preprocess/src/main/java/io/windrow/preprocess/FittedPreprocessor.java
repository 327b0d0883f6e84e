package io.windrow.preprocess;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * The fitted state of the default preprocessing: label rule, the ordered fields with their input
 * SQL types, encodings (bucket edges, vocabularies, hash sizes) and offsets in one shared id space
 * [0, totalIds). A preprocess output holds it twice, from the same value: as the MLlib pipeline
 * {@code pipeline/} ({@link PreprocessPipeline}; what {@link #transform}, {@code score} and
 * notebooks apply) and as {@code fitted.json}, which {@link #encode} reads to turn a single row
 * into the same ids without Spark (a test checks both give every row the same ids).
 *
 * <p>JSON format ({@code format} = {@value #FORMAT}, {@code version} = {@value #VERSION}):
 * {@code label} {column, rule (CAST|THRESHOLD|EXPRESSION), threshold, expression, missing},
 * {@code fields}: [{name, sqlType, offset, encoding: {kind: quantile, edges: [...]} |
 * {kind: hash, buckets, seed} | {kind: vocabulary, values: [...]}}], {@code totalIds}. Local ids
 * per kind are documented on {@link QuantileEncoding}, {@link HashEncoding} and
 * {@link VocabularyEncoding}; a field's global id is its offset plus the local id.
 */
public record FittedPreprocessor(String format, int version, LabelRule label, List<FittedField> fields, int totalIds)
        implements Serializable {
    public static final String FORMAT = "windrow-preprocess-fitted";
    public static final int VERSION = 1;
    /** The fitted state's file name inside a preprocess output. */
    public static final String FILE_NAME = "fitted.json";
    /** The label column of transformed data. */
    public static final String LABEL = io.windrow.preprocess.ml.LabelColumn.LABEL;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public FittedPreprocessor {
        requireNonNull(format, "format");
        requireNonNull(label, "label");
        fields = List.copyOf(requireNonNull(fields, "fields"));
        if (!FORMAT.equals(format) || version != VERSION) {
            throw new IllegalArgumentException("fitted state: expected format " + FORMAT + " version " + VERSION
                    + ", got " + format + " version " + version);
        }
        int expected = 0;
        Set<String> names = new HashSet<>();
        for (FittedField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("fitted state: field '" + field.name() + "' appears twice");
            }
            if (field.offset() != expected) {
                throw new IllegalArgumentException("fitted state: field '" + field.name() + "' has offset "
                        + field.offset() + ", expected " + expected + " (ids must be dense)");
            }
            expected += field.cardinality();
        }
        if (totalIds != expected) {
            throw new IllegalArgumentException("fitted state: totalIds " + totalIds + " != sum of cardinalities " + expected);
        }
    }

    /** A fitted state from fields in order; offsets are assigned here. */
    public static FittedPreprocessor of(LabelRule label, List<String> names, List<String> sqlTypes, List<FieldEncoding> encodings) {
        List<FittedField> fields = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            fields.add(new FittedField(names.get(i), sqlTypes.get(i), offset, encodings.get(i)));
            offset += encodings.get(i).cardinality();
        }
        return new FittedPreprocessor(FORMAT, VERSION, label, fields, offset);
    }

    /** Loads {@code fitted.json}: a file, or a preprocess output folder holding one. */
    public static FittedPreprocessor load(String path) {
        return load(path, new Configuration());
    }

    public static FittedPreprocessor load(String path, Configuration hadoop) {
        String file = path.endsWith(".json") ? path : path + "/" + FILE_NAME;
        try {
            return fromJson(OutputFiles.readString(file, hadoop));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static FittedPreprocessor fromJson(String json) {
        try {
            return JSON.readValue(json, FittedPreprocessor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fitted state is not valid: " + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void save(String file, Configuration hadoop) {
        OutputFiles.writeString(file, toJson(), hadoop);
    }

    @JsonIgnore
    public List<String> outputColumns() {
        return fields.stream().map(FittedField::outputColumn).toList();
    }

    /**
     * The ids of one row, in field order, without Spark. {@code row} maps input column names to
     * values (Java types as Spark hands them to UDFs; any Number for numeric fields). Every field
     * must be present as a key (a null value is NULL).
     */
    public int[] encode(Map<String, ?> row) {
        requireNonNull(row, "row");
        int[] ids = new int[fields.size()];
        for (int i = 0; i < ids.length; i++) {
            FittedField field = fields.get(i);
            if (!row.containsKey(field.name())) {
                throw new IllegalArgumentException("field '" + field.name() + "' is missing from the row");
            }
            ids[i] = field.id(row.get(field.name()));
        }
        return ids;
    }

    /** {@link #transform(Dataset, List)} without pass-through columns. */
    public Dataset<Row> transform(Dataset<Row> input) {
        return transform(input, List.of());
    }

    /**
     * The input as {@code label} (int 0/1, NULL when missing; only when the input has what the
     * label rule reads), then the {@code passThrough} columns, then one int id column per field
     * ({@code f_<name>}), computed by this state's MLlib pipeline ({@link PreprocessPipeline}).
     * Fails naming the field when a field's column is missing or its type changed since the fit.
     * Rows are neither dropped nor validated here.
     */
    public Dataset<Row> transform(Dataset<Row> input, List<String> passThrough) {
        requireNonNull(input, "input");
        checkSchema(input.schema());
        return select(PreprocessPipeline.of(this, input.sparkSession(), input.schema()).transform(input), passThrough);
    }

    /** The columns {@link #transform} keeps from a pipeline's output, in its order. */
    public Dataset<Row> select(Dataset<Row> encoded, List<String> passThrough) {
        List<Column> columns = new ArrayList<>();
        if (List.of(encoded.columns()).contains(LABEL)) {
            columns.add(col(LABEL));
        }
        passThrough.forEach(name -> columns.add(col(quote(name))));
        outputColumns().forEach(name -> columns.add(col(quote(name))));
        return encoded.select(columns.toArray(Column[]::new));
    }

    /** Fails naming the field when a field's column is absent or has another type than at fit time. */
    public void checkSchema(StructType schema) {
        io.windrow.preprocess.ml.FieldInputs.checkSchema(fields.stream().map(FittedField::name).toArray(String[]::new),
                fields.stream().map(FittedField::sqlType).toArray(String[]::new), schema);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

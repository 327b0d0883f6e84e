package io.windrow.preprocess.ml;

import io.windrow.preprocess.FieldValues;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * First stage of the preprocessing pipeline: the Windrow pipeline format version, the input
 * fields with their SQL types at fit time, and which of them are continuous. It fails with one
 * line naming the field when a column is missing or changed type, and adds each continuous field's
 * value as a double ({@link #numeric}: NaN as NULL, timestamps as epoch milliseconds, booleans as
 * 0/1) for MLlib's {@code Bucketizer}. Loading checks the format version first, so a pipeline from
 * an incompatible Windrow says so instead of failing somewhere inside Spark.
 */
public final class FieldInputs extends Transformer implements DefaultParamsWritable {
    /** The pipeline layout this Windrow writes and reads; bump it when a stage's params change. */
    public static final int FORMAT_VERSION = 1;
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final IntParam formatVersion;
    private final StringArrayParam fields;
    private final StringArrayParam sqlTypes;
    private final StringArrayParam continuous;

    public FieldInputs(String uid) {
        this.uid = uid;
        formatVersion = new IntParam(this, "formatVersion", "Windrow preprocessing pipeline format version");
        fields = new StringArrayParam(this, "fields", "input columns of the fields, in id-space order");
        sqlTypes = new StringArrayParam(this, "sqlTypes", "SQL type of each field's column at fit time");
        continuous = new StringArrayParam(this, "continuous", "fields bucketized as numbers");
        setDefault(formatVersion, FORMAT_VERSION);
    }

    public FieldInputs() {
        this(Identifiable.randomUID("windrowFieldInputs"));
    }

    @Override
    public String uid() {
        return uid;
    }

    public IntParam formatVersion() {
        return formatVersion;
    }

    public StringArrayParam fields() {
        return fields;
    }

    public StringArrayParam sqlTypes() {
        return sqlTypes;
    }

    public StringArrayParam continuous() {
        return continuous;
    }

    public FieldInputs setFields(String[] names, String[] types, String[] continuousNames) {
        if (names.length != types.length) {
            throw new IllegalArgumentException("fields and sqlTypes differ in length");
        }
        set(formatVersion, FORMAT_VERSION);
        set(fields, names);
        set(sqlTypes, types);
        set(continuous, continuousNames);
        return this;
    }

    public String[] getFields() {
        return $(fields);
    }

    public String[] getSqlTypes() {
        return $(sqlTypes);
    }

    public Set<String> getContinuous() {
        return new HashSet<>(Arrays.asList($(continuous)));
    }

    /** The double column a continuous field's value becomes (field index {@code i}). */
    public static String numericColumn(int i) {
        return "_windrow_number_" + i;
    }

    /** A field's value as a double: the number {@link FieldValues#number} gives, NaN as NULL. */
    public static Column numeric(String name, String sqlType) {
        Column value = col(quote(name));
        Column number;
        if (sqlType.startsWith("timestamp")) {
            number = unix_millis(value.cast(DataTypes.TimestampType)).cast(DataTypes.DoubleType);
        } else if (sqlType.equals("boolean")) {
            number = value.cast(DataTypes.IntegerType).cast(DataTypes.DoubleType);
        } else {
            number = value.cast(DataTypes.DoubleType);
        }
        return when(isnan(number), lit(null).cast(DataTypes.DoubleType)).otherwise(number);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String[] names = getFields();
        String[] types = getSqlTypes();
        Set<String> continuousNames = getContinuous();
        Map<String, Column> added = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (continuousNames.contains(names[i])) {
                added.put(numericColumn(i), numeric(names[i], types[i]));
            }
        }
        return append(dataset, added);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkSchema(schema);
        StructType result = schema;
        Set<String> continuousNames = getContinuous();
        String[] names = getFields();
        for (int i = 0; i < names.length; i++) {
            if (continuousNames.contains(names[i])) {
                result = result.add(numericColumn(i), DataTypes.DoubleType, true);
            }
        }
        return result;
    }

    /** Fails naming the field when a field's column is absent or has another type than at fit time. */
    public void checkSchema(StructType schema) {
        try {
            checkSchema(getFields(), getSqlTypes(), schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("preprocessing pipeline: " + e.getMessage(), e);
        }
    }

    /** Fails naming the field when a field's column is absent or has another type than at fit time. */
    public static void checkSchema(String[] names, String[] types, StructType schema) {
        Map<String, StructField> byName = new HashMap<>();
        for (StructField column : schema.fields()) {
            byName.put(column.name(), column);
        }
        for (int i = 0; i < names.length; i++) {
            StructField column = byName.get(names[i]);
            if (column == null) {
                throw new IllegalArgumentException("field '" + names[i] + "': column missing from the input");
            }
            String type = column.dataType().simpleString();
            if (!type.equals(types[i])) {
                throw new IllegalArgumentException("field '" + names[i] + "': type changed since the fit (fitted "
                        + types[i] + ", input " + type + ")");
            }
        }
    }

    @Override
    public FieldInputs copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<FieldInputs> read() {
        return new Reader();
    }

    public static FieldInputs load(String path) {
        return read().load(path);
    }

    /** Reads the params, refusing any format version but this Windrow's. */
    private static final class Reader extends MLReader<FieldInputs> {
        @Override
        public FieldInputs load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    FieldInputs.class.getName());
            String saved;
            try {
                saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metadata.metadataJson())
                        .path("paramMap").path("formatVersion").asText("none");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("preprocessing pipeline " + path + ": unreadable stage metadata", e);
            }
            if (!saved.equals(Integer.toString(FORMAT_VERSION))) {
                throw new IllegalArgumentException("preprocessing pipeline " + path + " has format version " + saved
                        + " but this Windrow reads version " + FORMAT_VERSION + ": re-run preprocess with this version");
            }
            FieldInputs stage = new FieldInputs(metadata.uid());
            metadata.getAndSetParams(stage, Option.empty());
            return stage;
        }
    }

    /**
     * The dataset with {@code added} appended in their order (Dataset.withColumns(Map) does not
     * keep a Java map's order); a column of the same name is replaced.
     */
    static Dataset<Row> append(Dataset<?> dataset, Map<String, Column> added) {
        List<Column> columns = new ArrayList<>();
        columns.add(col("*"));
        added.forEach((name, column) -> columns.add(column.as(name)));
        return dataset.toDF().drop(added.keySet().toArray(String[]::new)).select(columns.toArray(Column[]::new));
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

package io.windrow.preprocess.ml;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Last stage: lays every field's local id into the one id space DeepFM embeds, as
 * {@code f_<field>} = offset + local id, and drops the working columns of the stages before it.
 * Sources by kind: {@code bucket} (MLlib {@code Bucketizer} output: NULL is local id 0, bucket b is
 * b + 1), {@code present} (a continuous field with no edges: NULL 0, any number 1) and
 * {@code local} (a local id already, from the vocabulary and hash stages).
 */
public final class IdSpace extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** How a field's source column holds its local id. */
    public enum SourceKind { BUCKET, PRESENT, LOCAL }

    private final String uid;
    private final StringArrayParam fields;
    private final StringArrayParam sourceCols;
    private final StringArrayParam sourceKinds;
    private final IntArrayParam offsets;
    private final IntArrayParam cardinalities;
    private final StringArrayParam dropCols;

    public IdSpace(String uid) {
        this.uid = uid;
        fields = new StringArrayParam(this, "fields", "fields in id-space order");
        sourceCols = new StringArrayParam(this, "sourceCols", "column holding each field's local id (or bucket)");
        sourceKinds = new StringArrayParam(this, "sourceKinds", "bucket, present or local");
        offsets = new IntArrayParam(this, "offsets", "first global id of each field");
        cardinalities = new IntArrayParam(this, "cardinalities", "local ids of each field");
        dropCols = new StringArrayParam(this, "dropCols", "working columns of earlier stages to drop");
    }

    public IdSpace() {
        this(Identifiable.randomUID("windrowIdSpace"));
    }

    @Override
    public String uid() {
        return uid;
    }

    public StringArrayParam fields() {
        return fields;
    }

    public StringArrayParam sourceCols() {
        return sourceCols;
    }

    public StringArrayParam sourceKinds() {
        return sourceKinds;
    }

    public IntArrayParam offsets() {
        return offsets;
    }

    public IntArrayParam cardinalities() {
        return cardinalities;
    }

    public StringArrayParam dropCols() {
        return dropCols;
    }

    public IdSpace setLayout(String[] names, String[] sources, SourceKind[] kinds, int[] firstIds, int[] sizes, String[] drop) {
        int n = names.length;
        if (sources.length != n || kinds.length != n || firstIds.length != n || sizes.length != n) {
            throw new IllegalArgumentException("id space: fields, sources, kinds, offsets and cardinalities differ in length");
        }
        set(fields, names);
        set(sourceCols, sources);
        set(sourceKinds, Arrays.stream(kinds).map(k -> k.name().toLowerCase(Locale.ROOT)).toArray(String[]::new));
        set(offsets, firstIds);
        set(cardinalities, sizes);
        set(dropCols, drop);
        return this;
    }

    public String[] getFields() {
        return $(fields);
    }

    public int[] getOffsets() {
        return $(offsets);
    }

    public int[] getCardinalities() {
        return $(cardinalities);
    }

    /** The output column of a field. */
    public static String outputColumn(String field) {
        return "f_" + field;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String[] names = $(fields);
        String[] sources = $(sourceCols);
        String[] kinds = $(sourceKinds);
        int[] firstIds = $(offsets);
        Map<String, Column> added = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            Column source = col(FieldInputs.quote(sources[i]));
            Column local = switch (SourceKind.valueOf(kinds[i].toUpperCase(Locale.ROOT))) {
                case BUCKET -> coalesce(source.cast(DataTypes.IntegerType).plus(1), lit(0));
                case PRESENT -> when(source.isNull(), lit(0)).otherwise(lit(1));
                case LOCAL -> source;
            };
            added.put(outputColumn(names[i]), local.plus(firstIds[i]));
        }
        Dataset<Row> laid = FieldInputs.append(dataset, added);
        return laid.drop($(dropCols));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        List<String> present = Arrays.asList(schema.fieldNames());
        for (String source : $(sourceCols)) {
            if (!present.contains(source)) {
                throw new IllegalArgumentException("preprocessing pipeline: id space needs column '" + source
                        + "', which no earlier stage made");
            }
        }
        List<String> drop = Arrays.asList($(dropCols));
        List<StructField> kept = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!drop.contains(field.name())) {
                kept.add(field);
            }
        }
        StructType result = new StructType(kept.toArray(StructField[]::new));
        for (String name : $(fields)) {
            result = result.add(outputColumn(name), DataTypes.IntegerType, false);
        }
        return result;
    }

    @Override
    public IdSpace copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<IdSpace> read() {
        return new DefaultParamsReader<>();
    }

    public static IdSpace load(String path) {
        return read().load(path);
    }
}

package io.windrow.preprocess.ml;

import io.windrow.preprocess.FieldValues;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

/**
 * Fits one vocabulary per categorical field with Windrow's rules, which MLlib's
 * {@code StringIndexer} lacks: values compared by their canonical text ({@link FieldValues#text}),
 * NULL and the empty string never enter (they have reserved ids), a value needs at least
 * {@code minCount} rows, and at most {@code maxSize} values are kept, the most frequent first (ties
 * by value). One aggregation over (field, value) pairs serves every field; only the bounded lists
 * reach the driver.
 */
public final class VocabularyIndexer extends Estimator<VocabularyIndexerModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final StringArrayParam inputCols;
    private final StringArrayParam sqlTypes;
    private final StringArrayParam outputCols;
    private final LongParam minCount;
    private final IntParam maxSize;

    public VocabularyIndexer(String uid) {
        this.uid = uid;
        inputCols = new StringArrayParam(this, "inputCols", "categorical input columns");
        sqlTypes = new StringArrayParam(this, "sqlTypes", "SQL type of each input column");
        outputCols = new StringArrayParam(this, "outputCols", "local id column of each input (0 NULL, 1 empty, 2 OOV, 3+ vocabulary)");
        minCount = new LongParam(this, "minCount", "rows a value needs to enter a vocabulary");
        maxSize = new IntParam(this, "maxSize", "largest vocabulary per field");
    }

    public VocabularyIndexer() {
        this(Identifiable.randomUID("windrowVocabularyIndexer"));
    }

    @Override
    public String uid() {
        return uid;
    }

    public StringArrayParam inputCols() {
        return inputCols;
    }

    public StringArrayParam sqlTypes() {
        return sqlTypes;
    }

    public StringArrayParam outputCols() {
        return outputCols;
    }

    public LongParam minCount() {
        return minCount;
    }

    public IntParam maxSize() {
        return maxSize;
    }

    public VocabularyIndexer setColumns(String[] inputs, String[] types, String[] outputs) {
        set(inputCols, inputs);
        set(sqlTypes, types);
        set(outputCols, outputs);
        return this;
    }

    public VocabularyIndexer setLimits(long rows, int size) {
        set(minCount, rows);
        set(maxSize, size);
        return this;
    }

    /** A field's canonical text as a column, as {@link FieldValues#text} gives it to the encodings. */
    public static Column text(String name, String sqlType) {
        UDF1<Object, String> toText = value -> FieldValues.text(name, sqlType, value);
        return udf(toText, DataTypes.StringType).apply(col(FieldInputs.quote(name)));
    }

    @Override
    public VocabularyIndexerModel fit(Dataset<?> dataset) {
        String[] inputs = $(inputCols);
        String[] types = $(sqlTypes);
        List<List<String>> vocabularies = new ArrayList<>();
        for (String ignored : inputs) {
            vocabularies.add(new ArrayList<>());
        }
        if (inputs.length > 0) {
            List<Column> pairs = new ArrayList<>();
            for (int i = 0; i < inputs.length; i++) {
                pairs.add(struct(lit(i).as("f"), text(inputs[i], types[i]).as("v")));
            }
            Dataset<Row> counted = dataset.select(explode(array(pairs.toArray(Column[]::new))).as("p"))
                    .select(col("p.f").as("f"), col("p.v").as("v"))
                    .filter(col("v").isNotNull().and(col("v").notEqual("")))
                    .groupBy("f", "v").count()
                    .filter(col("count").geq((long) (Long) $(minCount)));
            List<Row> kept = counted
                    .withColumn("rank", row_number().over(Window.partitionBy("f").orderBy(col("count").desc(), col("v").asc())))
                    .filter(col("rank").leq((int) (Integer) $(maxSize)))
                    .select("f", "v", "rank")
                    .collectAsList();
            kept.stream()
                    .sorted((a, b) -> a.getInt(0) != b.getInt(0) ? Integer.compare(a.getInt(0), b.getInt(0))
                            : Integer.compare(a.getInt(2), b.getInt(2)))
                    .forEach(row -> vocabularies.get(row.getInt(0)).add(row.getString(1)));
        }
        VocabularyIndexerModel model = new VocabularyIndexerModel(Identifiable.randomUID("windrowVocabulary"), vocabularies)
                .setColumns(inputs, types, $(outputCols));
        return model.setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return LocalIds.schema(schema, $(outputCols));
    }

    @Override
    public VocabularyIndexer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<VocabularyIndexer> read() {
        return new DefaultParamsReader<>();
    }

    public static VocabularyIndexer load(String path) {
        return read().load(path);
    }
}

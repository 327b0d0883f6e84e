package io.windrow.preprocess.ml;

import io.windrow.preprocess.VocabularyEncoding;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.util.ArrayList;
import java.util.List;


/**
 * The fitted vocabularies: each categorical input becomes its local id by
 * {@link VocabularyEncoding} (0 NULL, 1 empty string, 2 out of vocabulary, 3 + position), the same
 * code single-row scoring runs. Saved as MLlib metadata plus the vocabularies as parquet
 * ({@code data/}: field index, values in id order).
 */
public final class VocabularyIndexerModel extends Model<VocabularyIndexerModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final List<List<String>> vocabularies;
    private final StringArrayParam inputCols;
    private final StringArrayParam sqlTypes;
    private final StringArrayParam outputCols;

    public VocabularyIndexerModel(String uid, List<List<String>> vocabularies) {
        this.uid = uid;
        this.vocabularies = vocabularies.stream().map(List::copyOf).toList();
        inputCols = new StringArrayParam(this, "inputCols", "categorical input columns");
        sqlTypes = new StringArrayParam(this, "sqlTypes", "SQL type of each input column");
        outputCols = new StringArrayParam(this, "outputCols", "local id column of each input");
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

    public VocabularyIndexerModel setColumns(String[] inputs, String[] types, String[] outputs) {
        if (inputs.length != vocabularies.size() || types.length != inputs.length || outputs.length != inputs.length) {
            throw new IllegalArgumentException("vocabulary model: " + vocabularies.size() + " vocabularies for "
                    + inputs.length + " inputs, " + types.length + " types, " + outputs.length + " outputs");
        }
        set(inputCols, inputs);
        set(sqlTypes, types);
        set(outputCols, outputs);
        return this;
    }

    /** The vocabulary of each input, in input order. */
    public List<List<String>> vocabularies() {
        return vocabularies;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return LocalIds.append(dataset, $(inputCols), $(sqlTypes), $(outputCols), i -> new VocabularyEncoding(vocabularies.get(i)));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return LocalIds.schema(schema, $(outputCols));
    }

    @Override
    public VocabularyIndexerModel copy(ParamMap extra) {
        return copyValues(new VocabularyIndexerModel(uid, vocabularies), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<VocabularyIndexerModel> read() {
        return new Reader();
    }

    public static VocabularyIndexerModel load(String path) {
        return read().load(path);
    }

    private static final StructType DATA = new StructType()
            .add("field", DataTypes.IntegerType, false)
            .add("values", DataTypes.createArrayType(DataTypes.StringType, false), false);

    private static final class Writer extends MLWriter {
        private final VocabularyIndexerModel model;

        Writer(VocabularyIndexerModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < model.vocabularies.size(); i++) {
                rows.add(RowFactory.create(i, model.vocabularies.get(i).toArray(String[]::new)));
            }
            sparkSession().createDataFrame(rows, DATA).repartition(1).write().parquet(path + "/data");
        }
    }

    private static final class Reader extends MLReader<VocabularyIndexerModel> {
        @Override
        public VocabularyIndexerModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    VocabularyIndexerModel.class.getName());
            List<Row> rows = sparkSession().read().parquet(path + "/data").orderBy("field").collectAsList();
            List<List<String>> vocabularies = new ArrayList<>();
            for (Row row : rows) {
                if (row.getInt(0) != vocabularies.size()) {
                    throw new IllegalArgumentException("vocabulary model " + path + ": data has no vocabulary for field " + vocabularies.size());
                }
                vocabularies.add(row.getList(1));
            }
            VocabularyIndexerModel model = new VocabularyIndexerModel(metadata.uid(), vocabularies);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}

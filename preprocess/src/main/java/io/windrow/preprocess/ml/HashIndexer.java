package io.windrow.preprocess.ml;

import io.windrow.preprocess.HashEncoding;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;



/**
 * Hashes categorical inputs into a fixed number of buckets each, by {@link HashEncoding} (0 NULL,
 * 1 empty string, 2 + xxHash64(canonical text, seed) mod buckets). MLlib's {@code FeatureHasher}
 * hashes with MurmurHash3 into one shared vector, which would change every id; this keeps
 * Windrow's ids and per-field buckets. Nothing is fitted.
 */
public final class HashIndexer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final StringArrayParam inputCols;
    private final StringArrayParam sqlTypes;
    private final StringArrayParam outputCols;
    private final IntArrayParam numBuckets;
    private final StringArrayParam seeds;

    public HashIndexer(String uid) {
        this.uid = uid;
        inputCols = new StringArrayParam(this, "inputCols", "categorical input columns");
        sqlTypes = new StringArrayParam(this, "sqlTypes", "SQL type of each input column");
        outputCols = new StringArrayParam(this, "outputCols", "local id column of each input (0 NULL, 1 empty, 2+ bucket)");
        numBuckets = new IntArrayParam(this, "numBuckets", "buckets of each input");
        // MLlib has no long-array param: seeds as decimal text.
        seeds = new StringArrayParam(this, "seeds", "xxHash64 seed of each input");
    }

    public HashIndexer() {
        this(Identifiable.randomUID("windrowHashIndexer"));
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

    public IntArrayParam numBuckets() {
        return numBuckets;
    }

    public StringArrayParam seeds() {
        return seeds;
    }

    public HashIndexer setColumns(String[] inputs, String[] types, String[] outputs, int[] buckets, long[] hashSeeds) {
        if (types.length != inputs.length || outputs.length != inputs.length || buckets.length != inputs.length
                || hashSeeds.length != inputs.length) {
            throw new IllegalArgumentException("hash indexer: inputs, types, outputs, buckets and seeds differ in length");
        }
        set(inputCols, inputs);
        set(sqlTypes, types);
        set(outputCols, outputs);
        set(numBuckets, buckets);
        set(seeds, java.util.Arrays.stream(hashSeeds).mapToObj(Long::toString).toArray(String[]::new));
        return this;
    }

    /** The encoding of input {@code i}. */
    public HashEncoding encoding(int i) {
        return new HashEncoding($(numBuckets)[i], Long.parseLong($(seeds)[i]));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return LocalIds.append(dataset, $(inputCols), $(sqlTypes), $(outputCols), this::encoding);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return LocalIds.schema(schema, $(outputCols));
    }

    @Override
    public HashIndexer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<HashIndexer> read() {
        return new DefaultParamsReader<>();
    }

    public static HashIndexer load(String path) {
        return read().load(path);
    }
}

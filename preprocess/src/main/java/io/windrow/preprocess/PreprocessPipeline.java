package io.windrow.preprocess;

import io.windrow.preprocess.ml.FieldInputs;
import io.windrow.preprocess.ml.HashIndexer;
import io.windrow.preprocess.ml.IdSpace;
import io.windrow.preprocess.ml.LabelColumn;
import io.windrow.preprocess.ml.VocabularyIndexerModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.Bucketizer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The fitted default preprocessing as a Spark MLlib {@link PipelineModel}, saved with MLlib's
 * writer as {@code <preprocess output>/pipeline} and applied by {@code score}; in a notebook
 * {@code PipelineModel.load(path).transform(df)} adds {@code label} (when the label's source is
 * there) and one int id column {@code f_<field>} per field. Stages, in order:
 * {@link FieldInputs} (format version, input check, continuous values as doubles), {@link LabelColumn},
 * MLlib's {@link Bucketizer} (quantile edges; absent when no continuous field has an edge),
 * {@link VocabularyIndexerModel}, {@link HashIndexer}, {@link IdSpace} (offsets; drops the working
 * columns). Converting to and from {@link FittedPreprocessor} loses nothing, and the ids are the
 * ones {@link FittedPreprocessor#encode} gives a single row.
 */
public final class PreprocessPipeline {
    /** The pipeline's folder inside a preprocess output. */
    public static final String DIR = "pipeline";

    private PreprocessPipeline() {}

    /** The pipeline of a fitted state. */
    public static PipelineModel of(FittedPreprocessor fitted, SparkSession spark, StructType inputSchema) {
        requireNonNull(fitted, "fitted");
        List<FittedField> fields = fitted.fields();
        int n = fields.size();
        String[] names = new String[n];
        String[] types = new String[n];
        List<String> continuous = new ArrayList<>();
        String[] sources = new String[n];
        IdSpace.SourceKind[] kinds = new IdSpace.SourceKind[n];
        int[] offsets = new int[n];
        int[] cardinalities = new int[n];
        List<String> drop = new ArrayList<>();
        List<String> bucketIn = new ArrayList<>();
        List<String> bucketOut = new ArrayList<>();
        List<double[]> splits = new ArrayList<>();
        List<Integer> vocabularyFields = new ArrayList<>();
        List<Integer> hashFields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FittedField field = fields.get(i);
            names[i] = field.name();
            types[i] = field.sqlType();
            offsets[i] = field.offset();
            cardinalities[i] = field.cardinality();
            if (field.encoding() instanceof QuantileEncoding quantiles) {
                continuous.add(field.name());
                drop.add(FieldInputs.numericColumn(i));
                double[] edges = quantiles.edges();
                if (edges.length == 0) {
                    // MLlib's Bucketizer needs at least one edge: NULL or not is all there is to say.
                    sources[i] = FieldInputs.numericColumn(i);
                    kinds[i] = IdSpace.SourceKind.PRESENT;
                } else {
                    double[] bounds = new double[edges.length + 2];
                    bounds[0] = Double.NEGATIVE_INFINITY;
                    System.arraycopy(edges, 0, bounds, 1, edges.length);
                    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
                    sources[i] = "_windrow_bucket_" + i;
                    kinds[i] = IdSpace.SourceKind.BUCKET;
                    bucketIn.add(FieldInputs.numericColumn(i));
                    bucketOut.add(sources[i]);
                    splits.add(bounds);
                    drop.add(sources[i]);
                }
            } else {
                (field.encoding() instanceof VocabularyEncoding ? vocabularyFields : hashFields).add(i);
                sources[i] = "_windrow_local_" + i;
                kinds[i] = IdSpace.SourceKind.LOCAL;
                drop.add(sources[i]);
            }
        }
        List<PipelineStage> stages = new ArrayList<>();
        stages.add(new FieldInputs("windrowFieldInputs").setFields(names, types, continuous.toArray(String[]::new)));
        stages.add(new LabelColumn("windrowLabel").setRule(fitted.label()));
        if (!bucketIn.isEmpty()) {
            // "keep" so that Bucketizer does not drop rows with a NULL value (NaN is NULL already).
            stages.add(new Bucketizer("windrowBucketizer").setInputCols(bucketIn.toArray(String[]::new))
                    .setOutputCols(bucketOut.toArray(String[]::new))
                    .setSplitsArray(splits.toArray(double[][]::new))
                    .setHandleInvalid("keep"));
        }
        if (!vocabularyFields.isEmpty()) {
            List<List<String>> vocabularies = vocabularyFields.stream()
                    .map(i -> ((VocabularyEncoding) fields.get(i).encoding()).values()).toList();
            stages.add(new VocabularyIndexerModel("windrowVocabulary", vocabularies)
                    .setColumns(pick(names, vocabularyFields), pick(types, vocabularyFields), pick(sources, vocabularyFields)));
        }
        if (!hashFields.isEmpty()) {
            int[] buckets = hashFields.stream().mapToInt(i -> ((HashEncoding) fields.get(i).encoding()).buckets()).toArray();
            long[] seeds = hashFields.stream().mapToLong(i -> ((HashEncoding) fields.get(i).encoding()).seed()).toArray();
            stages.add(new HashIndexer("windrowHashIndexer").setColumns(pick(names, hashFields), pick(types, hashFields), pick(sources, hashFields),
                    buckets, seeds));
        }
        stages.add(new IdSpace("windrowIdSpace").setLayout(names, sources, kinds, offsets, cardinalities, drop.toArray(String[]::new)));
        // Every stage is fitted already: Pipeline.fit only checks the schema and wraps them. Fixed uids
        // (one stage of each kind) make the saved folder the same for the same fitted state.
        return new Pipeline("windrowPreprocessing").setStages(stages.toArray(PipelineStage[]::new))
                .fit(spark.createDataFrame(List.of(), inputSchema));
    }

    /** The fitted state a pipeline holds; fails naming the problem when it is not a Windrow preprocessing pipeline. */
    public static FittedPreprocessor fitted(PipelineModel pipeline) {
        Transformer[] stages = pipeline.stages();
        if (stages.length < 3 || !(stages[0] instanceof FieldInputs inputs) || !(stages[1] instanceof LabelColumn label)
                || !(stages[stages.length - 1] instanceof IdSpace space)) {
            throw new IllegalArgumentException("not a Windrow preprocessing pipeline (stages "
                    + Arrays.stream(stages).map(s -> s.getClass().getSimpleName()).toList() + ")");
        }
        Map<String, double[]> edges = new HashMap<>();
        Map<String, FieldEncoding> encodings = new HashMap<>();
        String[] names = inputs.getFields();
        for (Transformer stage : stages) {
            if (stage instanceof Bucketizer bucketizer) {
                String[] in = bucketizer.getInputCols();
                double[][] splits = bucketizer.getSplitsArray();
                for (int j = 0; j < in.length; j++) {
                    edges.put(in[j], Arrays.copyOfRange(splits[j], 1, splits[j].length - 1));
                }
            } else if (stage instanceof VocabularyIndexerModel vocabulary) {
                String[] in = vocabulary.getOrDefault(vocabulary.inputCols());
                for (int j = 0; j < in.length; j++) {
                    encodings.put(in[j], new VocabularyEncoding(vocabulary.vocabularies().get(j)));
                }
            } else if (stage instanceof HashIndexer hash) {
                String[] in = hash.getOrDefault(hash.inputCols());
                for (int j = 0; j < in.length; j++) {
                    encodings.put(in[j], hash.encoding(j));
                }
            }
        }
        java.util.Set<String> continuous = inputs.getContinuous();
        List<FieldEncoding> ordered = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (continuous.contains(names[i])) {
                ordered.add(new QuantileEncoding(edges.getOrDefault(FieldInputs.numericColumn(i), new double[0])));
            } else if (encodings.containsKey(names[i])) {
                ordered.add(encodings.get(names[i]));
            } else {
                throw new IllegalArgumentException("preprocessing pipeline: no stage encodes field '" + names[i] + "'");
            }
        }
        FittedPreprocessor fitted = FittedPreprocessor.of(label.getRule(), List.of(names), List.of(inputs.getSqlTypes()), ordered);
        if (!Arrays.equals(space.getFields(), names)) {
            throw new IllegalArgumentException("preprocessing pipeline: the id space lays out fields "
                    + Arrays.toString(space.getFields()) + " but the input stage reads " + Arrays.toString(names));
        }
        int[] offsets = space.getOffsets();
        int[] cardinalities = space.getCardinalities();
        for (int i = 0; i < names.length; i++) {
            FittedField field = fitted.fields().get(i);
            if (field.offset() != offsets[i] || field.cardinality() != cardinalities[i]) {
                throw new IllegalArgumentException("preprocessing pipeline: field '" + names[i] + "' has ids ["
                        + offsets[i] + ", " + (offsets[i] + cardinalities[i]) + ") in the id space but its encoding gives ["
                        + field.offset() + ", " + (field.offset() + field.cardinality()) + ")");
            }
        }
        return fitted;
    }

    /** Saves the pipeline under {@code <outputDir>/pipeline}. */
    public static void save(PipelineModel pipeline, String outputDir) {
        try {
            pipeline.write().save(outputDir + "/" + DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the preprocessing pipeline under " + outputDir, e);
        }
    }

    /**
     * Loads a saved pipeline: its folder, or a preprocess output holding one. An incompatible
     * Windrow version or a folder that is no preprocessing pipeline fails with one line saying so.
     */
    public static PipelineModel load(String path) {
        requireNonNull(path, "path");
        String folder = path.endsWith("/" + DIR) || path.equals(DIR) ? path : path + "/" + DIR;
        PipelineModel pipeline;
        try {
            pipeline = PipelineModel.load(folder);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            String reason = cause instanceof ClassNotFoundException
                    ? "it needs class " + cause.getMessage() + ", which this Windrow version does not have"
                    : String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.getClass().getSimpleName());
            throw new IllegalArgumentException("cannot load the preprocessing pipeline " + folder + ": " + reason, e);
        }
        fitted(pipeline); // checks the stages describe one consistent id space
        return pipeline;
    }

    private static String[] pick(String[] values, List<Integer> indexes) {
        return indexes.stream().map(i -> values[i]).toArray(String[]::new);
    }
}

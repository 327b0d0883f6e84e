package io.windrow.preprocess;

import io.windrow.preprocess.ml.FieldInputs;
import io.windrow.preprocess.ml.VocabularyIndexer;
import io.windrow.preprocess.ml.VocabularyIndexerModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fits the encodings on the training split. Continuous fields: approximate quantiles
 * ({@code approxQuantile}, one pass for all fields with the same bucket count), duplicate edges
 * merged (MLlib's {@code QuantileDiscretizer} would also place the edges, but fails on a field
 * that is NULL throughout train and needs two buckets at least). Vocabulary fields:
 * {@link VocabularyIndexer}. Hash fields need nothing.
 */
public final class Fitter {
    private static final Logger LOG = LoggerFactory.getLogger(Fitter.class);

    private Fitter() {}

    public static FittedPreprocessor fit(Dataset<Row> train, FeatureSelection selection, PreprocessOptions options) {
        List<FeatureSelection.Field> fields = selection.fields();
        Map<String, FieldEncoding> encodings = new HashMap<>();
        fitQuantiles(train, fields, options, encodings);
        fitVocabularies(train, fields, options, encodings);
        for (FeatureSelection.Field field : fields) {
            if (!field.continuous() && options.encodingFor(field.name()) == CategoricalEncoding.HASH) {
                encodings.put(field.name(), new HashEncoding(options.hashBucketsFor(field.name()), options.hashSeed()));
            }
        }
        List<String> names = fields.stream().map(FeatureSelection.Field::name).toList();
        List<String> types = fields.stream().map(FeatureSelection.Field::sqlType).toList();
        List<FieldEncoding> ordered = names.stream().map(encodings::get).toList();
        return FittedPreprocessor.of(options.label(), names, types, ordered);
    }

    private static void fitQuantiles(Dataset<Row> train, List<FeatureSelection.Field> fields, PreprocessOptions options,
            Map<String, FieldEncoding> encodings) {
        Map<Integer, List<FeatureSelection.Field>> byBuckets = new LinkedHashMap<>();
        for (FeatureSelection.Field field : fields) {
            if (field.continuous()) {
                byBuckets.computeIfAbsent(options.bucketsFor(field.name()), n -> new ArrayList<>()).add(field);
            }
        }
        for (Map.Entry<Integer, List<FeatureSelection.Field>> group : byBuckets.entrySet()) {
            int buckets = group.getKey();
            List<FeatureSelection.Field> members = group.getValue();
            if (buckets == 1) {
                members.forEach(field -> encodings.put(field.name(), new QuantileEncoding(new double[0])));
                continue;
            }
            double[] probabilities = new double[buckets - 1];
            for (int i = 1; i < buckets; i++) {
                probabilities[i - 1] = (double) i / buckets;
            }
            List<Column> projected = new ArrayList<>();
            String[] names = new String[members.size()];
            for (int i = 0; i < members.size(); i++) {
                names[i] = "_q" + i;
                projected.add(FieldInputs.numeric(members.get(i).name(), members.get(i).sqlType()).as(names[i]));
            }
            double[][] quantiles = train.select(projected.toArray(Column[]::new)).stat()
                    .approxQuantile(names, probabilities, options.quantileRelativeError());
            for (int i = 0; i < members.size(); i++) {
                TreeSet<Double> edges = new TreeSet<>();
                double[] values = i < quantiles.length && quantiles[i] != null ? quantiles[i] : new double[0];
                Arrays.stream(values).filter(Double::isFinite).forEach(edges::add);
                double[] sorted = edges.stream().mapToDouble(Double::doubleValue).toArray();
                encodings.put(members.get(i).name(), new QuantileEncoding(sorted));
            }
        }
    }

    private static void fitVocabularies(Dataset<Row> train, List<FeatureSelection.Field> fields, PreprocessOptions options,
            Map<String, FieldEncoding> encodings) {
        List<FeatureSelection.Field> members = fields.stream()
                .filter(f -> !f.continuous() && options.encodingFor(f.name()) == CategoricalEncoding.VOCABULARY)
                .toList();
        if (members.isEmpty()) {
            return;
        }
        String[] names = members.stream().map(FeatureSelection.Field::name).toArray(String[]::new);
        VocabularyIndexerModel model = new VocabularyIndexer()
                .setColumns(names, members.stream().map(FeatureSelection.Field::sqlType).toArray(String[]::new), names)
                .setLimits(options.minCount(), options.maxVocabulary())
                .fit(train);
        for (int i = 0; i < members.size(); i++) {
            List<String> vocabulary = model.vocabularies().get(i);
            encodings.put(names[i], new VocabularyEncoding(vocabulary));
            LOG.info("preprocess: vocabulary of '{}': {} values", names[i], vocabulary.size());
        }
    }
}

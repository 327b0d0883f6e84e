package io.windrow.preprocess;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * Fits the encodings on the training split. Continuous fields: approximate quantiles
 * ({@code approxQuantile}, one pass for all fields with the same bucket count), duplicate edges
 * merged. Vocabulary fields: one aggregation over (field, value) pairs keeping, per field, the
 * values seen at least min-count times, most frequent first (ties by value), at most max-size:
 * only those bounded lists reach the driver. Hash fields need nothing.
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

    /** A field's value as a double for quantiles: the same number {@link FieldValues#number} gives. */
    static Column numeric(FeatureSelection.Field field) {
        Column value = col(quote(field.name()));
        Column number;
        if (field.sqlType().startsWith("timestamp")) {
            number = unix_millis(value.cast(DataTypes.TimestampType)).cast(DataTypes.DoubleType);
        } else if (field.sqlType().equals("boolean")) {
            number = value.cast(DataTypes.IntegerType).cast(DataTypes.DoubleType);
        } else {
            number = value.cast(DataTypes.DoubleType);
        }
        return when(isnan(number), lit(null).cast(DataTypes.DoubleType)).otherwise(number);
    }

    /** A field's canonical text, as {@link FieldValues#text} gives it to the encodings. */
    static Column text(FeatureSelection.Field field) {
        String name = field.name();
        String type = field.sqlType();
        UDF1<Object, String> toText = value -> FieldValues.text(name, type, value);
        return udf(toText, DataTypes.StringType).apply(col(quote(name)));
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
                projected.add(numeric(members.get(i)).as(names[i]));
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
        List<Column> pairs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            pairs.add(struct(lit(i).as("f"), text(members.get(i)).as("v")));
        }
        Dataset<Row> counted = train.select(explode(array(pairs.toArray(Column[]::new))).as("p"))
                .select(col("p.f").as("f"), col("p.v").as("v"))
                .filter(col("v").isNotNull().and(col("v").notEqual("")))
                .groupBy("f", "v").count()
                .filter(col("count").geq(options.minCount()));
        List<Row> kept = counted
                .withColumn("rank", row_number().over(Window.partitionBy("f").orderBy(col("count").desc(), col("v").asc())))
                .filter(col("rank").leq(options.maxVocabulary()))
                .select("f", "v", "rank")
                .collectAsList();
        List<List<String>> vocabularies = new ArrayList<>();
        members.forEach(m -> vocabularies.add(new ArrayList<>()));
        kept.stream()
                .sorted((a, b) -> a.getInt(0) != b.getInt(0) ? Integer.compare(a.getInt(0), b.getInt(0))
                        : Integer.compare(a.getInt(2), b.getInt(2)))
                .forEach(row -> vocabularies.get(row.getInt(0)).add(row.getString(1)));
        for (int i = 0; i < members.size(); i++) {
            encodings.put(members.get(i).name(), new VocabularyEncoding(vocabularies.get(i)));
            LOG.info("preprocess: vocabulary of '{}': {} values", members.get(i).name(), vocabularies.get(i).size());
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

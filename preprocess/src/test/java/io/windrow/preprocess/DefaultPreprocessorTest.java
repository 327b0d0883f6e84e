package io.windrow.preprocess;

import io.windrow.testing.TestSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default mode end to end on a 20-row table whose expected ids are worked out by hand. */
class DefaultPreprocessorTest {
    private static final StructType SCHEMA = new StructType()
            .add("reqId", DataTypes.StringType)
            .add("eventTime", DataTypes.TimestampType)
            .add("amount", DataTypes.DoubleType)
            .add("city", DataTypes.StringType)
            .add("user", DataTypes.LongType)
            .add("y", DataTypes.IntegerType);

    @TempDir
    Path out;

    /** Row i: time i hours; amount i (NULL at 3); city a/b with NULL, "", a rare "z" and an unseen "q"; label i % 2. */
    static Row row(int i) {
        String city = i == 5 ? "z" : i == 7 ? "" : i == 18 ? "q" : i % 4 == 3 ? null : (i % 2 == 0 ? "a" : "b");
        return RowFactory.create("r" + i, new Timestamp(1_700_000_000_000L + i * 3_600_000L), i == 3 ? null : (double) i,
                city, (long) (i % 3), i % 2);
    }

    static Dataset<Row> table(SparkSession spark, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(i));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(2);
    }

    static PreprocessOptions options() {
        LabelRule label = new LabelRule("y", LabelRule.Kind.CAST, 0, "", LabelRule.MissingLabel.DROP);
        SplitOptions split = new SplitOptions(SplitOptions.By.TIME, "eventTime", "reqId", 0.6, 0.2, 0.2, 0.0);
        PreprocessOptions defaults = PreprocessOptions.defaults(label, split);
        return new PreprocessOptions(label, List.of(), defaults.exclude(), true, List.of("user"), List.of(),
                4, Map.of(), 0.0, CategoricalEncoding.VOCABULARY, Map.of("user", CategoricalEncoding.HASH),
                10, Map.of(), 10L, 2, 1000, split, List.of("key=reqId"));
    }

    @Test
    void encodesSplitsAndDescribesTheTable() throws Exception {
        SparkSession spark = TestSpark.spark();
        PreprocessRun run = new DefaultPreprocessor(spark).run(table(spark, 20), options(), null, out.toString());
        FittedPreprocessor fitted = run.fitted();

        // reqId (identifier) and eventTime (raw timestamp) are excluded; y is the label.
        assertThat(fitted.fields()).extracting(FittedField::name).containsExactly("amount", "city", "user");
        // Time split at the 0.6 and 0.8 quantiles of 20 distinct hours (exact: relative error 0).
        Dataset<Row> train = spark.read().parquet(out.resolve("train").toString());
        Dataset<Row> val = spark.read().parquet(out.resolve("val").toString());
        Dataset<Row> test = spark.read().parquet(out.resolve("test").toString());
        assertThat(train.count()).isEqualTo(11);
        assertThat(val.count()).isEqualTo(4);
        assertThat(test.count()).isEqualTo(5);
        assertThat(train.columns()).containsExactly("label", "key", "f_amount", "f_city", "f_user");

        // amount: train values 0..10 without 3 -> exact quartiles of {0,1,2,4,...,10} are 2, 5, 8.
        assertThat(((QuantileEncoding) fitted.fields().get(0).encoding()).edges()).containsExactly(2.0, 5.0, 8.0);
        // city in train (hours 0..10): a x6 (0,2,4,6,8,10), b x2 (1,9), NULL x2, "" x1, z x1 (below min count 2).
        assertThat(((VocabularyEncoding) fitted.fields().get(1).encoding()).values()).containsExactly("a", "b");
        assertThat(fitted.fields().get(2).encoding()).isEqualTo(new HashEncoding(10, 10));
        assertThat(fitted.fields()).extracting(FittedField::offset).containsExactly(0, 5, 10);
        assertThat(fitted.totalIds()).isEqualTo(5 + 5 + 12);

        // Every id is inside its field's range, and the whole space is [0, totalIds).
        for (Row row : train.union(val).union(test).collectAsList()) {
            for (int f = 0; f < 3; f++) {
                FittedField field = fitted.fields().get(f);
                assertThat(row.getInt(f + 2)).isBetween(field.offset(), field.offset() + field.cardinality() - 1);
            }
        }
        // Spot checks by hand: hour 3 (amount NULL -> 0; city NULL -> 5; user 0 -> 10 + 2 + xxh64("0") mod 10).
        List<Row> trainRows = train.orderBy(col("f_amount"), col("f_city")).collectAsList();
        Row hour3 = trainRows.get(0);
        assertThat(hour3.getInt(0)).isEqualTo(1);
        assertThat(hour3.getString(1)).isEqualTo("r3");
        assertThat(hour3.getInt(2)).isEqualTo(0);
        assertThat(hour3.getInt(3)).isEqualTo(5);
        assertThat(hour3.getInt(4)).isEqualTo(12 + (int) Math.floorMod(XxHash64.hash("0", 10), 10L));
        // Hour 18 (test): amount 18 >= 8 -> bucket 4; city "q" unseen -> OOV (5 + 2).
        Row hour18 = test.filter(col("f_city").equalTo(7)).first();
        assertThat(hour18.getString(1)).isEqualTo("r18");
        assertThat(hour18.getInt(2)).isEqualTo(4);

        JsonNode metadata = new ObjectMapper().readTree(Files.readString(out.resolve("metadata.json")));
        assertThat(metadata.path("total").asInt()).isEqualTo(22);
        assertThat(metadata.path("label").asText()).isEqualTo("label");
        // A fixed key order, so that reruns write byte-identical metadata.json.
        List<String> labelRuleKeys = new ArrayList<>();
        metadata.path("label_rule").fieldNames().forEachRemaining(labelRuleKeys::add);
        assertThat(labelRuleKeys).containsExactly("source", "rule", "threshold", "missing");
        assertThat(metadata.path("fields").get(1).path("column").asText()).isEqualTo("f_city");
        assertThat(metadata.path("fields").get(1).path("offset").asInt()).isEqualTo(5);
        assertThat(metadata.path("fields").get(1).path("cardinality").asInt()).isEqualTo(5);
        assertThat(metadata.path("splits").path("train").path("rows").asLong()).isEqualTo(11);
        // Labels i % 2: train hours 0..10 -> 5 positives of 11.
        assertThat(metadata.path("splits").path("train").path("positives").asLong()).isEqualTo(5);
        assertThat(metadata.path("fields").get(1).path("oov_rate").path("test").asDouble()).isEqualTo(0.2);
        assertThat(metadata.path("fields").get(1).path("oov_rate").path("train").asDouble()).isEqualTo(1.0 / 11, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(metadata.path("fields").get(2).path("hash").path("distinct_values_train").asLong()).isEqualTo(3);
        assertThat(metadata.path("excluded_columns").toString()).contains("reqId").contains("eventTime").contains("y (label)");
        assertThat(run.report()).contains("amount").contains("quantile").contains("vocabulary").contains("hash");
        assertThat(run.metrics()).containsEntry("rows_train", 11L).containsEntry("total_ids", 22);
    }

    @Test
    void aRowTransformedAloneLaterGetsTheSameIds() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> input = table(spark, 20);
        new DefaultPreprocessor(spark).run(input, options(), null, out.toString());

        FittedPreprocessor loaded = FittedPreprocessor.load(out.toString());
        Map<String, int[]> batch = new HashMap<>();
        for (Row row : loaded.transform(input, List.of("reqId")).collectAsList()) {
            batch.put(row.getString(1), new int[] {row.getInt(2), row.getInt(3), row.getInt(4)});
        }
        for (int i = 0; i < 20; i++) {
            Row raw = row(i);
            // Without Spark: a map of raw values, an Integer where Spark has a Long.
            Map<String, Object> values = new HashMap<>();
            values.put("amount", raw.get(2));
            values.put("city", raw.get(3));
            values.put("user", (int) raw.getLong(4));
            assertThat(loaded.encode(values)).as("row %d", i).containsExactly(batch.get("r" + i));
            if (i % 6 != 0) {
                continue; // Spark jobs are slow on a shared machine: a few rows alone suffice.
            }
            // With Spark, one row on its own.
            Row alone = loaded.transform(spark.createDataFrame(List.of(raw), SCHEMA)).first();
            assertThat(new int[] {alone.getInt(1), alone.getInt(2), alone.getInt(3)}).containsExactly(batch.get("r" + i));
        }
        // Reusing the state on new data without fitting gives the same ids as well.
        new DefaultPreprocessor(spark).run(input, options(), loaded, out.resolve("again").toString());
        assertThat(FittedPreprocessor.load(out.resolve("again").toString())).isEqualTo(loaded);
    }

    @Test
    void hashSplitKeepsKeysTogetherAndHonoursRatios() {
        SparkSession spark = TestSpark.spark();
        PreprocessOptions base = options();
        SplitOptions byUser = new SplitOptions(SplitOptions.By.HASH, "eventTime", "user", 0.5, 0.25, 0.25, 0.0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(RowFactory.create("r" + i, new Timestamp(i * 1000L), (double) i, "c" + (i % 7), (long) (i % 40), i % 2));
        }
        PreprocessOptions options = new PreprocessOptions(base.label(), List.of("amount", "city"), base.exclude(), true,
                List.of(), List.of(), 4, Map.of(), 0.0, CategoricalEncoding.VOCABULARY, Map.of(), 10, Map.of(), 10L, 1, 1000, byUser, List.of());
        new DefaultPreprocessor(spark).run(spark.createDataFrame(rows, SCHEMA), options, null, out.toString());
        long total = 0;
        for (String split : Splitter.NAMES) {
            long n = spark.read().parquet(out.resolve(split).toString()).count();
            assertThat(n % 10).as("users have 10 rows each; %s holds whole users", split).isZero();
            total += n;
        }
        assertThat(total).isEqualTo(400);
    }

    @Test
    void missingLabelColumnIsNamed() {
        SparkSession spark = TestSpark.spark();
        assertThatThrownBy(() -> new DefaultPreprocessor(spark).run(table(spark, 20).drop("y"), options(), null, out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("label column 'y' is missing from the input");
    }

    @Test
    void labelOutsideTheRuleIsAnError() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> input = table(spark, 20).withColumn("y", col("y").multiply(5));
        assertThatThrownBy(() -> new DefaultPreprocessor(spark).run(input, options(), null, out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label column 'y': 10 value(s) outside the rule cast (values must be 0 or 1), e.g. '5'");
    }

    @Test
    void thresholdRuleAndMissingLabelsDropped() throws Exception {
        SparkSession spark = TestSpark.spark();
        // y * 5 is 0 or 5; threshold 3 makes it 0/1 again. Two rows lose their label.
        Dataset<Row> input = table(spark, 20).withColumn("y",
                org.apache.spark.sql.functions.when(col("reqId").isin("r0", "r1"), null).otherwise(col("y").multiply(5)));
        PreprocessOptions base = options();
        LabelRule threshold = new LabelRule("y", LabelRule.Kind.THRESHOLD, 3.0, "", LabelRule.MissingLabel.DROP);
        PreprocessOptions options = new PreprocessOptions(threshold, base.include(), base.exclude(), true, base.categorical(),
                base.continuous(), 4, Map.of(), 0.0, base.encoding(), base.encodingPerField(), 10, Map.of(), 10L, 2, 1000, base.split(), List.of());
        PreprocessRun run = new DefaultPreprocessor(spark).run(input, options, null, out.toString());
        assertThat(run.metrics()).containsEntry("rows_label_missing", 2L);
        long rows = 0;
        long positives = 0;
        for (String split : Splitter.NAMES) {
            for (Row row : spark.read().parquet(out.resolve(split).toString()).collectAsList()) {
                rows++;
                positives += row.getInt(0);
            }
        }
        assertThat(rows).isEqualTo(18);
        assertThat(positives).isEqualTo(9); // odd hours 3..19
    }

    @Test
    void configuredFieldMissingIsNamed() {
        SparkSession spark = TestSpark.spark();
        PreprocessOptions base = options();
        PreprocessOptions options = new PreprocessOptions(base.label(), List.of("amount", "country"), base.exclude(), true,
                List.of(), List.of(), 4, Map.of(), 0.0, base.encoding(), Map.of(), 10, Map.of(), 10L, 2, 1000, base.split(), List.of());
        assertThatThrownBy(() -> new DefaultPreprocessor(spark).run(table(spark, 20), options, null, out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("configured field 'country' is missing from the input");
    }

    @Test
    void typeChangedSinceFitIsNamed() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> input = table(spark, 20);
        FittedPreprocessor fitted = FittedPreprocessor.of(options().label(), List.of("amount", "city"), List.of("double", "string"),
                List.of(new QuantileEncoding(new double[] {1.0}), new VocabularyEncoding(List.of("a"))));
        assertThat(fitted.transform(input).count()).isEqualTo(20);
        Dataset<Row> changed = input.withColumn("amount", col("amount").cast("string"));
        assertThatThrownBy(() -> fitted.transform(changed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'amount': type changed since the fit (fitted double, input string)");
    }

    @Test
    void emptySplitIsNamed() {
        SparkSession spark = TestSpark.spark();
        // All rows at one time: nothing is later than the train cut-off.
        Dataset<Row> input = table(spark, 20).withColumn("eventTime", org.apache.spark.sql.functions.lit(new Timestamp(0)));
        assertThatThrownBy(() -> new DefaultPreprocessor(spark).run(input, options(), null, out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("split 'train' is empty");
        assertThat(Arrays.asList(Splitter.NAMES.toArray())).contains("train");
    }
    @Test
    void seedShapedTableSelectsFeaturesNotIdentifiersOrRawTimes() {
        SparkSession spark = TestSpark.spark();
        LabelRule label = new LabelRule("action_actionValue_multi_direct_2", LabelRule.Kind.CAST, 0, "", LabelRule.MissingLabel.DROP);
        SplitOptions split = new SplitOptions(SplitOptions.By.TIME, "flattenRequest_eventTime_original_0", "reqId_1", 0.6, 0.2, 0.2, 0.0);
        PreprocessRun run = new DefaultPreprocessor(spark).run(JdLikeFeatures.create(spark, 20),
                PreprocessOptions.defaults(label, split), null, out.toString());
        assertThat(run.fitted().fields()).extracting(FittedField::name).containsExactly(
                "flattenRequest_pair_id_original_24", "flattenRequest_sku_id_original_25", "flattenRequest_user_id_original_26",
                "flattenRequest_pair_id_window_unique_count_27", "flattenRequest_pair_id_window_top1_ratio_28",
                "flattenRequest_pair_id_window_top1_ratio_29", "flattenRequest_pair_id_window_unique_count_32",
                "flattenRequest_pair_id_window_count_35", "flattenRequest_eventTime_dayofweek_41",
                "flattenRequest_eventTime_isweekday_43", "bo_product_a1_multi_direct_3", "bo_product_a2_multi_direct_4",
                "bo_product_a3_multi_direct_5", "bo_product_br_multi_direct_6", "bo_product_cate_multi_direct_7",
                "bo_user_age_multi_direct_9", "bo_user_sex_multi_direct_11", "bo_user_user_lv_cd_multi_direct_12",
                "bo_comment_bad_comment_rate_multi_max_13", "bo_comment_bad_comment_rate_multi_min_14",
                "bo_comment_bad_comment_rate_multi_min_15", "bo_comment_comment_num_multi_unique_count_22",
                "bo_comment_has_bad_comment_multi_unique_count_23", "bo_comment_has_bad_comment_multi_top3frequency_30",
                "bo_comment_comment_num_multi_top3frequency_33", "bo_action_br_multi_top3frequency_16",
                "bo_action_cate_multi_top3frequency_17", "bo_action_model_id_multi_top3frequency_18",
                "bo_action_model_id_multi_unique_count_19", "bo_action_model_id_multi_unique_count_20",
                "bo_action_type_multi_unique_count_21", "bo_action_type_multi_top3frequency_40",
                "bo_action_type_multi_top3frequency_42");
        assertThat(run.metadata().get("excluded_columns").toString())
                .contains("reqId_1 (matches an exclude pattern)", "reqId_17 (matches an exclude pattern)",
                        "flattenRequest_eventTime_original_0 (matches an exclude pattern)",
                        "bo_user_ingestionTime_multi_direct_10 (matches an exclude pattern)",
                        "action_actionValue_multi_direct_2 (label)");
        // Row 5 has no label: dropped and counted.
        assertThat(run.metrics()).containsEntry("rows_label_missing", 1L).containsEntry("fields", 33);
        long written = 0;
        for (String name : Splitter.NAMES) {
            written += spark.read().parquet(out.resolve(name).toString()).count();
        }
        assertThat(written).isEqualTo(19);
    }
    @Test
    void expressionRuleKeepsUnlabelledRowsWhenAsked() {
        SparkSession spark = TestSpark.spark();
        // The label is an expression over the row with SQL's three-valued logic: r0 and r1 (y NULL, amount < 4) are
        // NULL AND false = false, r3 (amount NULL, y 1) is true AND NULL = NULL: missing, kept unlabelled.
        Dataset<Row> input = table(spark, 20).withColumn("y",
                org.apache.spark.sql.functions.when(col("reqId").isin("r0", "r1"), null).otherwise(col("y")));
        PreprocessOptions base = options();
        LabelRule expression = new LabelRule("y", LabelRule.Kind.EXPRESSION, 0, "y > 0 AND amount >= 4",
                LabelRule.MissingLabel.KEEP);
        PreprocessOptions options = new PreprocessOptions(expression, base.include(), base.exclude(), true, base.categorical(),
                base.continuous(), 4, Map.of(), 0.0, base.encoding(), base.encodingPerField(), 10, Map.of(), 10L, 2, 1000,
                base.split(), List.of());
        PreprocessRun run = new DefaultPreprocessor(spark).run(input, options, null, out.toString());
        assertThat(run.metrics()).containsEntry("rows_label_missing", 1L)
                .containsEntry("positive_rate_train", 0.3).containsEntry("positive_rate_val", 0.5);
        long rows = 0;
        long unlabelled = 0;
        long positives = 0;
        for (String split : Splitter.NAMES) {
            for (Row row : spark.read().parquet(out.resolve(split).toString()).collectAsList()) {
                rows++;
                if (row.isNullAt(0)) {
                    unlabelled++;
                } else {
                    positives += row.getInt(0);
                }
            }
        }
        assertThat(rows).isEqualTo(20);
        assertThat(unlabelled).isEqualTo(1);
        assertThat(positives).isEqualTo(8); // odd hours 5..19 (y = 1 and amount >= 4)
    }
}

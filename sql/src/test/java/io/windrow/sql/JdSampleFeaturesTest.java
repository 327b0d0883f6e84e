package io.windrow.sql;

import io.windrow.testing.TestSpark;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's feature SQL, verbatim, on the JD sample: 13916 rows, and per feature column the
 * number of distinct values (string form, NULL counted as one value) equals the seed's
 * table_size_array, in the demo's I1..I13, C1..C28 order.
 */
class JdSampleFeaturesTest {
    static final List<String> FEATURE_ORDER = List.of(
            "flattenRequest_pair_id_window_unique_count_27", "flattenRequest_pair_id_window_top1_ratio_28",
            "flattenRequest_pair_id_window_top1_ratio_29", "flattenRequest_pair_id_window_unique_count_32",
            "flattenRequest_pair_id_window_count_35", "bo_comment_bad_comment_rate_multi_max_13",
            "bo_comment_bad_comment_rate_multi_min_14", "bo_comment_bad_comment_rate_multi_min_15",
            "bo_comment_comment_num_multi_unique_count_22", "bo_comment_has_bad_comment_multi_unique_count_23",
            "bo_action_model_id_multi_unique_count_19", "bo_action_model_id_multi_unique_count_20",
            "bo_action_type_multi_unique_count_21",
            "reqId_1", "flattenRequest_eventTime_original_0", "flattenRequest_reqId_original_1",
            "flattenRequest_pair_id_original_24", "flattenRequest_sku_id_original_25",
            "flattenRequest_user_id_original_26", "flattenRequest_eventTime_dayofweek_41",
            "flattenRequest_eventTime_isweekday_43", "reqId_3", "bo_product_a1_multi_direct_3",
            "bo_product_a2_multi_direct_4", "bo_product_a3_multi_direct_5", "bo_product_br_multi_direct_6",
            "bo_product_cate_multi_direct_7", "bo_product_ingestionTime_multi_direct_8", "bo_user_age_multi_direct_9",
            "bo_user_ingestionTime_multi_direct_10", "bo_user_sex_multi_direct_11",
            "bo_user_user_lv_cd_multi_direct_12", "reqId_14", "bo_comment_has_bad_comment_multi_top3frequency_30",
            "bo_comment_comment_num_multi_top3frequency_33", "reqId_17", "bo_action_br_multi_top3frequency_16",
            "bo_action_cate_multi_top3frequency_17", "bo_action_model_id_multi_top3frequency_18",
            "bo_action_type_multi_top3frequency_40", "bo_action_type_multi_top3frequency_42");
    static final List<Long> SEED_TABLE_SIZES = List.of(4L, 26L, 16L, 4L, 11L, 809L, 1L, 1L, 5L, 3L, 17L, 16L, 7L,
            13916L, 13890L, 13916L, 10000L, 3674L, 9119L, 7L, 2L, 13916L, 5L, 4L, 4L, 33L, 2L, 2L, 7L, 2580L, 3L, 5L,
            13916L, 10L, 47L, 13916L, 365L, 17L, 132L, 32L, 37L);

    private static SparkSession spark;
    private static Map<String, Dataset<Row>> tables;
    private static Path jd;

    @BeforeAll
    static void load() throws Exception {
        spark = TestSpark.spark();
        jd = TestSpark.shared().resolve("jd-sample");
        tables = loadJdTables(spark, jd);
    }

    static Map<String, Dataset<Row>> loadJdTables(SparkSession spark, Path jd) throws Exception {
        Map<String, TableDefinition> ddl = DdlParser.parse(Files.readString(jd.resolve("create_tables.sql")));
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (TableDefinition table : ddl.values()) {
            String folder = table.name().equals("flattenRequest") ? "flattenRequest_clean" : table.name();
            Path path = jd.resolve(folder);
            tables.put(table.name(), Files.exists(path)
                    ? TableLoader.load(spark, table, path.toString(), "parquet")
                    : TableLoader.empty(spark, table));
        }
        return tables;
    }

    @Test
    void timestampsAreTheUtcInstantsTheFileHolds() {
        Dataset<Row> request = tables.get("flattenRequest");
        long mismatches = request.filter(unix_millis(col("eventTime")).notEqual(col("time"))).count();
        assertThat(request.count()).isEqualTo(13916);
        assertThat(mismatches).isZero();
    }

    @Test
    void seedSqlReproducesTheSeedTableSizes() throws Exception {
        String sql = Files.readString(jd.resolve("features.sql"));
        Dataset<Row> features = new FeatureEngine(spark).execute(sql, tables).cache();
        try {
            assertThat(features.columns()).hasSize(42);
            List<Column> counts = new ArrayList<>();
            for (String name : FEATURE_ORDER) {
                counts.add(count_distinct(coalesce(col(name).cast("string"), lit("\u0000NULL"))));
            }
            Row row = features.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
            List<Long> actual = new ArrayList<>();
            for (int i = 0; i < FEATURE_ORDER.size(); i++) {
                actual.add(row.getLong(i));
            }
            assertThat(features.count()).isEqualTo(13916);
            assertThat(actual).as("distinct counts in order I1..I13, C1..C28").isEqualTo(SEED_TABLE_SIZES);
        } finally {
            features.unpersist();
        }
    }
}

package io.windrow.samples.jd;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JD action label table from the real JD sample, cross-checked against a naive recomputation. */
class ActionLabelsTest {
    static Path jd() {
        return Path.of(System.getProperty("windrow.shared", "../../shared"), "jd-sample");
    }

    @Test
    void derivesPurchaseWithinHorizonLikeANaiveScan() {
        SparkSession spark = TestSpark.spark();
        spark.conf().set("spark.sql.parquet.inferTimestampNTZ.enabled", "false");
        Dataset<Row> requests = spark.read().parquet(jd().resolve("flattenRequest_clean").toString());
        Dataset<Row> actions = spark.read().parquet(jd().resolve("bo_action").toString());
        Dataset<Row> labels = new ActionLabels(List.of("4"), 5).derive(requests, actions);
        assertThat(labels.columns()).containsExactly("reqId", "eventTime", "ingestionTime", "actionValue");

        Map<String, List<Long>> purchases = new HashMap<>();
        for (Row a : actions.filter("type = '4'").select("pair_id", "time").collectAsList()) {
            purchases.computeIfAbsent(a.getString(0), k -> new ArrayList<>()).add(a.getLong(1));
        }
        long logEnd = actions.selectExpr("max(time)").first().getLong(0);
        Map<String, Integer> expected = new TreeMap<>();
        for (Row r : requests.selectExpr("reqId", "unix_millis(cast(eventTime as timestamp))", "pair_id").collectAsList()) {
            long t = r.getLong(1);
            boolean positive = purchases.getOrDefault(r.getString(2), List.of()).stream()
                    .anyMatch(time -> time > t && time <= t + 5 * 86_400_000L);
            // A horizon that runs past the end of the log is unknown (null), not negative.
            expected.put(r.getString(0), t + 5 * 86_400_000L > logEnd ? null : positive ? 1 : 0);
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (Row row : labels.select("reqId", "actionValue").collectAsList()) {
            actual.put(row.getString(0), row.isNullAt(1) ? null : row.getInt(1));
        }
        assertThat(actual).isEqualTo(expected);
        long positives = actual.values().stream().filter(v -> v != null && v == 1).count();
        long unknown = actual.values().stream().filter(v -> v == null).count();
        // Not vacuous: the sample has purchases after requests (bo_action.time is epoch ms like eventTime),
        // and requests after the log ends (the JD prediction period, split_id 2) whose label is unknown.
        assertThat(positives).isGreaterThan(0).isLessThan(actual.size());
        assertThat(unknown).isGreaterThanOrEqualTo(requests.filter("split_id = 2").count()).isLessThan(actual.size() / 2);
        System.out.printf("JD sample: %d requests, %d positive within 5 days, %d unknown (horizon past the log's end)%n",
                actual.size(), positives, unknown);
    }

    /**
     * A time split tests on the latest requests: their positive rate must look like the rest. When
     * requests whose horizon ran past the end of bo_action were labelled 0, the latest tenth of the
     * JD sample held 1 positive in 1,391 rows (0.07% against 0.88% overall) and every model's test
     * AUC came out near 0.
     */
    @Test
    void latestRequestsAreNotCensoredToNegative() {
        SparkSession spark = TestSpark.spark();
        spark.conf().set("spark.sql.parquet.inferTimestampNTZ.enabled", "false");
        Dataset<Row> labels = new ActionLabels(List.of("4"), 5).derive(
                spark.read().parquet(jd().resolve("flattenRequest_clean").toString()),
                spark.read().parquet(jd().resolve("bo_action").toString()));
        Row rates = labels.filter("actionValue IS NOT NULL")
                .selectExpr("actionValue", "ntile(10) OVER (ORDER BY eventTime, reqId) AS tenth")
                .selectExpr("avg(actionValue) AS overall", "avg(CASE WHEN tenth = 10 THEN actionValue END) AS latest")
                .first();
        double overall = rates.getDouble(0);
        double latest = rates.getDouble(1);
        assertThat(overall).isGreaterThan(0);
        assertThat(latest).as("positive rate of the latest tenth vs all labelled requests").isGreaterThan(overall / 3);
    }

    @Test
    void missingColumnAndBadHorizonAreUserErrors() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> requests = spark.sql("SELECT 'r1' AS reqId, current_timestamp() AS eventTime");
        assertThatThrownBy(() -> new ActionLabels(List.of("4"), 5).derive(requests, requests))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no column 'pair_id'");
        assertThatThrownBy(() -> new ActionLabels(List.of("4"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon-days");
    }
}

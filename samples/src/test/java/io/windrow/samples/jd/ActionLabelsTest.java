package io.windrow.samples.jd;

import io.windrow.samples.SparkFixture;
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
        SparkSession spark = SparkFixture.spark();
        spark.conf().set("spark.sql.parquet.inferTimestampNTZ.enabled", "false");
        Dataset<Row> requests = spark.read().parquet(jd().resolve("flattenRequest_clean").toString());
        Dataset<Row> actions = spark.read().parquet(jd().resolve("bo_action").toString());
        Dataset<Row> labels = new ActionLabels(List.of("4"), 5).derive(requests, actions);
        assertThat(labels.columns()).containsExactly("reqId", "eventTime", "ingestionTime", "actionValue");

        Map<String, List<Long>> purchases = new HashMap<>();
        for (Row a : actions.filter("type = '4'").select("pair_id", "time").collectAsList()) {
            purchases.computeIfAbsent(a.getString(0), k -> new ArrayList<>()).add(a.getLong(1));
        }
        Map<String, Integer> expected = new TreeMap<>();
        for (Row r : requests.selectExpr("reqId", "unix_millis(cast(eventTime as timestamp))", "pair_id").collectAsList()) {
            long t = r.getLong(1);
            boolean positive = purchases.getOrDefault(r.getString(2), List.of()).stream()
                    .anyMatch(time -> time > t && time <= t + 5 * 86_400_000L);
            expected.merge(r.getString(0), positive ? 1 : 0, Math::max);
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (Row row : labels.select("reqId", "actionValue").collectAsList()) {
            actual.put(row.getString(0), row.getInt(1));
        }
        assertThat(actual).isEqualTo(expected);
        long positives = actual.values().stream().filter(v -> v == 1).count();
        // Not vacuous: the sample has purchases after requests (bo_action.time is epoch ms like eventTime).
        assertThat(positives).isGreaterThan(0).isLessThan(actual.size());
        System.out.printf("JD sample: %d requests, %d positive within 5 days%n", actual.size(), positives);
    }

    @Test
    void missingColumnAndBadHorizonAreUserErrors() {
        SparkSession spark = SparkFixture.spark();
        Dataset<Row> requests = spark.sql("SELECT 'r1' AS reqId, current_timestamp() AS eventTime");
        assertThatThrownBy(() -> new ActionLabels(List.of("4"), 5).derive(requests, requests))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no column 'pair_id'");
        assertThatThrownBy(() -> new ActionLabels(List.of("4"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon-days");
    }
}

package io.windrow.jobs.bench;

import io.windrow.testing.TestSpark;
import io.windrow.sql.FeatureEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's three implementations of the seed's 42 JD features agree on every row of the JD
 * sample: the native Spark baseline against DuckDB (two independent implementations of the same
 * semantics), and Windrow's engine against the baseline.
 */
class BaselineAgreementTest {
    private static SparkSession spark;
    private static BenchTables inputs;
    private static Map<String, Dataset<Row>> tables;

    @BeforeAll
    static void load() {
        spark = TestSpark.spark();
        Path jd = Path.of(System.getProperty("windrow.shared", "../../shared"), "jd-sample");
        inputs = BenchTables.locate(jd.toAbsolutePath().toString(), spark.sparkContext().hadoopConfiguration());
        tables = inputs.load(spark);
    }

    @Test
    void nativeSparkAgreesWithDuckDb(@TempDir Path dir) {
        Path duck = dir.resolve("duckdb.parquet");
        long duckRows = DuckDbRun.writeFeatures(inputs.localFolders(), duck.toString(), 2, dir.resolve("tmp").toString());
        Dataset<Row> nativeResult = NativeSparkFeatures.compute(tables);
        assertThat(nativeResult.columns()).containsExactlyElementsOf(NativeSparkFeatures.COLUMNS);
        Dataset<Row> duckResult = spark.read().parquet(duck.toString());
        ResultAgreement.Report report = ResultAgreement.compare(nativeResult, duckResult, "reqId_1",
                NativeSparkFeatures.COLUMNS.subList(1, NativeSparkFeatures.COLUMNS.size()), 1e-9, 10);
        assertThat(report.examples()).as("first mismatches").isEmpty();
        assertThat(report.agrees()).as(report.toString()).isTrue();
        assertThat(report.leftRows()).isEqualTo(13916L);
        assertThat(duckRows).isEqualTo(13916L);
        // The windows are not trivial on this data: some frames hold several distinct pairs.
        assertThat(nativeResult.filter("flattenRequest_pair_id_window_unique_count_27 > 1").count()).isPositive();
        assertThat(nativeResult.filter("bo_action_type_multi_top3frequency_42 != 'NULL,NULL,NULL'").count()).isPositive();
    }

    @Test
    void windrowAgreesWithNativeSpark() throws Exception {
        String sql = Files.readString(Path.of(System.getProperty("windrow.shared", "../../shared"), "jd-sample", "features.sql"));
        Dataset<Row> windrow = new FeatureEngine(spark).execute(sql, tables);
        ResultAgreement.Report report = ResultAgreement.compare(NativeSparkFeatures.compute(tables), windrow, "reqId_1",
                NativeSparkFeatures.COLUMNS.subList(1, NativeSparkFeatures.COLUMNS.size()), 1e-9, 10);
        assertThat(report.examples()).as("first mismatches").isEmpty();
        assertThat(report.agrees()).as(report.toString()).isTrue();
    }

    @Test
    void shuffleFloorMovesOnlyColumnsTheFeaturesRead() throws Exception {
        String sql = Files.readString(Path.of(System.getProperty("windrow.shared", "../../shared"), "jd-sample", "features.sql"));
        for (String table : List.of("flattenRequest", "action", "bo_user", "bo_comment", "bo_action", "bo_product")) {
            assertThat(ShuffleFloor.columnsRead(table)).as(table).isNotEmpty()
                    .allSatisfy(column -> assertThat(sql).contains("`" + column + "`"))
                    .isSubsetOf(List.of(tables.get(table).columns()));
        }
        ShuffleFloor.run(tables); // every scan and shuffle resolves against the real tables
    }

    @Test
    void summaryLineGivesEveryRatioInTheRun() {
        Map<String, Map<String, Object>> runs = new java.util.LinkedHashMap<>();
        runs.put(BenchStage.FLOOR, Map.of("seconds", 10.0));
        runs.put(BenchStage.NATIVE, Map.of("seconds", 60.0));
        runs.put(BenchStage.WINDROW, Map.of("seconds", 40.0));
        assertThat(BenchStage.summaryLine(1000, runs, true)).isEqualTo("features on 1000 requests: shuffle-floor 10.0s"
                + " native-spark 60.0s windrow 40.0s, native-spark/windrow 1.50x, native-spark/shuffle-floor 6.00x,"
                + " windrow/shuffle-floor 4.00x; all results agree");
    }

    @Test
    void agreementFindsMismatches() {
        Dataset<Row> left = spark.sql("SELECT * FROM VALUES ('a', 1.0D, 1), ('b', 2.0D, 2), ('c', 3.0D, 3) AS t(k, d, i)");
        Dataset<Row> right = spark.sql("SELECT * FROM VALUES ('a', 1.0000000001D, 1L), ('b', 2.5D, 2L), ('d', 3.0D, 3L) AS t(k, d, i)");
        ResultAgreement.Report report = ResultAgreement.compare(left, right, "k", List.of("d", "i"), 1e-9, 10);
        assertThat(report.agrees()).isFalse();
        assertThat(report.mismatches()).isEqualTo(3);
        assertThat(report.examples()).containsExactlyInAnyOrder("k=b: d: 2.0 vs 2.5",
                "k=c: only in the first result", "k=d: only in the second result");
    }
}

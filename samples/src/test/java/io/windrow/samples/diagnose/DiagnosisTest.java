package io.windrow.samples.diagnose;

import io.windrow.testing.TestSpark;
import io.windrow.samples.SparkFixture;
import io.windrow.samples.diagnose.DiagnoseReport.FeatureConsistency;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Diagnose on two hand-made tables: every count, rate, example and threshold checked exactly. */
class DiagnosisTest {
    static final StructType SCHEMA = new StructType()
            .add("request_id", DataTypes.StringType).add("item_id", DataTypes.StringType)
            .add("click", DataTypes.LongType).add("f_num", DataTypes.DoubleType).add("f_str", DataTypes.StringType)
            .add("features", DataTypes.StringType).add("ts", DataTypes.LongType);

    static Dataset<Row> table(Object[]... rows) {
        return TestSpark.spark().createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), SCHEMA);
    }

    @Test
    void countsMatchesMismatchesOneSidedKeysRatesAndThresholds() {
        Dataset<Row> left = table(
                new Object[] {"r1", "i1", 1L, 1.0, "a", "a:1,b:x", 0L},
                new Object[] {"r1", "i2", 0L, 2.0, "b", "a:2", 1000L},
                new Object[] {"r2", "i1", 1L, null, "c", null, 3_600_000L},
                new Object[] {"r3", "i1", 0L, 9.0, "d", null, 3_600_001L});
        Dataset<Row> right = table(
                new Object[] {"r1", "i1", 1L, 1.0000001, "a", "a:1.0,b:y,c:2", 0L},
                new Object[] {"r1", "i2", 1L, 2.5, "b", "a:3", 0L},
                new Object[] {"r2", "i1", 1L, 3.0, null, null, 0L},
                new Object[] {"r4", "i1", 1L, 1.0, "e", null, 7_200_000L},
                new Object[] {"r4", "i1", 1L, 1.0, "e", null, 7_200_000L});
        DiagnoseSpec spec = DiagnoseSpec.fromConfig(SparkFixture.config("""
                diagnose {
                  left-name = streaming, right-name = batch
                  packed-features = [features], labels = [click], time-column = ts
                  thresholds { max-only-one-side-rate = 0.5, max-feature-mismatch-rate = 0.9, max-positive-rate-diff = 0.6 }
                }
                """).getConfig("diagnose"));
        DiagnoseReport r = new Diagnosis(spec).compare(left, right);

        assertThat(List.of(r.leftRows(), r.rightRows(), r.leftDuplicateKeys(), r.rightDuplicateKeys(), r.bothKeys(),
                r.onlyLeftKeys(), r.onlyRightKeys())).containsExactly(4L, 5L, 0L, 1L, 3L, 1L, 1L);
        assertThat(List.of(r.leftJoinRate(), r.rightJoinRate(), r.onlyOneSideRate())).containsExactly(0.75, 0.75, 0.4);
        assertThat(r.labels()).containsExactly(new DiagnoseReport.LabelRate("click", 0.5, 1.0, 0.5));
        assertThat(r.positiveRateOverTime()).containsExactly(
                new DiagnoseReport.TimePoint("click", 0L, 0.5, 1.0, 2, 3),
                new DiagnoseReport.TimePoint("click", 3_600_000L, 0.5, null, 2, 0),
                new DiagnoseReport.TimePoint("click", 7_200_000L, null, 1.0, 0, 2));
        assertThat(r.features().stream().map(f -> f.feature() + " " + f.match() + "/" + f.mismatch() + "/" + f.onlyLeft()
                + "/" + f.onlyRight() + " " + f.mismatchRate()).toList()).containsExactly(
                "f_num 1/1/0/1 0.5", "f_str 2/0/1/0 0.0", "features.a 1/1/0/0 0.5", "features.b 0/1/0/0 1.0",
                "features.c 0/0/0/1 0.0");
        FeatureConsistency fNum = r.features().get(0);
        assertThat(fNum.worst()).containsExactly(
                new DiagnoseReport.Example(Map.of("request_id", "r1", "item_id", "i2"), "2.0", "2.5", 0.5));
        assertThat(r.features().get(3).worst()).containsExactly(
                new DiagnoseReport.Example(Map.of("request_id", "r1", "item_id", "i1"), "x", "y", null));
        assertThat(r.violations()).containsExactly("feature features.b mismatch rate 1.000000 > max-feature-mismatch-rate 0.9");

        String html = HtmlReport.render(r);
        assertThat(html).contains("<svg", "<polyline", "features.b", "Thresholds exceeded").doesNotContain("<script", "src=", "<link");
    }
}

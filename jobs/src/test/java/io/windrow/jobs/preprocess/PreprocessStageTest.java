package io.windrow.jobs.preprocess;

import io.windrow.testing.TestSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windrow.jobs.StageMain;
import io.windrow.preprocess.FittedPreprocessor;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The preprocess stage through the launcher's StageMain: config keys, atomic output, report, errors. */
class PreprocessStageTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void features() throws Exception {
        SparkSession spark = TestSpark.spark();
        StructType schema = new StructType().add("reqId_1", DataTypes.StringType)
                .add("flattenRequest_eventTime_original_0", DataTypes.TimestampType)
                .add("rate", DataTypes.DoubleType).add("brand", DataTypes.StringType).add("y", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create("r" + i, new Timestamp(1_000_000L * i), i / 10.0, "b" + (i % 3), i % 2));
        }
        Path features = work.resolve("features");
        spark.createDataFrame(rows, schema).write().parquet(features.toString());
        Files.writeString(features.resolve("_WINDROW_SUCCESS"), "{\"stage\": \"features\"}");
    }

    private int run(String... args) {
        return StageMain.run(new PreprocessStage(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void defaultModeWritesSplitsStateMetadataAndReport() throws Exception {
        int code = run("--set", "windrow.work-dir=" + work, "--set", "preprocess.label.column=y",
                "--set", "preprocess.continuous.buckets=3", "--set", "preprocess.split.relative-error=0");
        assertThat(code).as(err.toString()).isZero();
        Path output = work.resolve("preprocess");
        for (String file : List.of("_WINDROW_SUCCESS", "_metrics.json", "_config.conf", "metadata.json", "fitted.json", "train", "val", "test")) {
            assertThat(output.resolve(file)).exists();
        }
        FittedPreprocessor fitted = FittedPreprocessor.load(output.toString());
        assertThat(fitted.outputColumns()).containsExactly("f_rate", "f_brand");
        JsonNode metrics = new ObjectMapper().readTree(output.resolve("_metrics.json").toFile());
        // 30 distinct times split 0.8/0.1/0.1 at exact quantiles: the 24th and 27th times start val and test.
        assertThat(metrics.path("rows_train").asLong() + metrics.path("rows_val").asLong() + metrics.path("rows_test").asLong())
                .isEqualTo(30);
        assertThat(metrics.path("rows_train").asLong()).isEqualTo(23);
        assertThat(metrics.path("rows_val").asLong()).isEqualTo(3);
        assertThat(metrics.path("rows_test").asLong()).isEqualTo(4);
        assertThat(metrics.path("total_ids").asInt()).isEqualTo(fitted.totalIds());
        assertThat(out.toString()).contains("2 fields, " + fitted.totalIds() + " ids");
        // The report (also printed on stdout) is kept beside the data.
        assertThat(Files.readString(output.resolve("report.txt"))).contains("preprocess: 2 fields").contains("brand")
                .contains("vocabulary").contains("quantile");
        // reqId_1 is kept as reqId (default keep-columns) beside the label and ids.
        SparkSession spark = TestSpark.spark();
        assertThat(spark.read().parquet(output.resolve("test").toString()).columns())
                .containsExactly("label", "reqId", "f_rate", "f_brand");
    }

    @Test
    void missingLabelColumnFailsWithOneLineNamingIt() {
        int code = run("--set", "windrow.work-dir=" + work, "--set", "preprocess.label.column=nope");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("windrow preprocess: error: label column 'nope' is missing from the input");
        assertThat(work.resolve("preprocess")).doesNotExist();
    }

    @Test
    void unknownModeIsRejected() {
        int code = run("--set", "windrow.work-dir=" + work, "--set", "preprocess.mode=fancy");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("preprocess.mode 'fancy'");
    }

    @Test
    void helpListsTheKeys() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("preprocess.label.rule").contains("preprocess.split.by")
                .contains("preprocess.compat.order-by");
    }
}

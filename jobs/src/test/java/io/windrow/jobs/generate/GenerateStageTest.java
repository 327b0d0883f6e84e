package io.windrow.jobs.generate;

import io.windrow.testing.TestSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.output.StageOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage end to end through the launcher's StageMain: atomic output, metrics, refusal to overwrite, bad keys. */
class GenerateStageTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        TestSpark.spark(); // the stage's getOrCreate then reuses the tests' local[2] session
        return StageMain.run(new GenerateStage(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesAllTablesAtomicallyWithMetricsAndRefusesToOverwrite() throws Exception {
        String[] args = {"--set", "windrow.work-dir=" + dir, "--set", "generate.requests=2000"};
        assertThat(run(args)).as(err.toString()).isZero();
        Path raw = dir.resolve("raw");
        assertThat(raw.resolve(StageOutput.MARKER)).exists();
        for (String table : JdTables.NAMES) {
            assertThat(raw.resolve(table)).isDirectory();
        }
        assertThat(raw.resolve(JdTables.TRUTH)).isDirectory();
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(raw.resolve(StageOutput.METRICS)));
        assertThat(metrics.get("rows_flattenRequest").asLong()).isEqualTo(2000);
        assertThat(metrics.get("rows_action").asLong()).isEqualTo(2000);
        assertThat(metrics.get("rows_bo_action").asLong()).isGreaterThan(8000);
        assertThat(metrics.get("positive_rate").asDouble()).isBetween(0.015, 0.06);
        assertThat(out.toString()).contains("windrow generate: OK in").contains("flattenRequest=2000");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("raw"); // no staging left
        }

        long before = Files.getLastModifiedTime(raw.resolve(StageOutput.MARKER)).toMillis();
        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString()).contains("already exists").contains("windrow.overwrite");
        assertThat(Files.getLastModifiedTime(raw.resolve(StageOutput.MARKER)).toMillis()).isEqualTo(before);
    }

    @Test
    void rejectsAScaleOutOfRangeNamingTheKey() {
        assertThat(run("--set", "windrow.work-dir=" + dir, "--set", "generate.requests=10")).isEqualTo(2);
        assertThat(err.toString()).contains("generate.requests").contains("1000");
        assertThat(dir.resolve("raw")).doesNotExist();
    }
}

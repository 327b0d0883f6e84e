package io.windrow.jobs.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the comparison that OperationsIT relies on, so that its verdicts can be trusted: equal
 * outputs under a dated ({@code dt=...}) and an undated work folder compare equal, and a changed
 * row, a changed data file or a missing output is reported. Parquet files are written by DuckDB.
 */
class OutputComparisonTest {
    @TempDir
    Path tmp;

    @Test
    void sameOutputsUnderADatedAndAnUndatedWorkFolderAreEqual() throws Exception {
        Path dated = tmp.resolve("base/dt=2026-01-15");
        Path plain = tmp.resolve("plain");
        writeOutput(dated, "features", "(1, 'a'), (2, 'b')", "{\"path\": \"" + dated + "/features\"}");
        writeOutput(plain, "features", "(2, 'b'), (1, 'a')", "{\"path\": \"" + plain + "/features\"}");

        assertThat(OutputComparison.completeOutputs(dated)).containsExactly("features");
        assertThat(OutputComparison.differences(dated, plain)).isEmpty();
    }

    @Test
    void aChangedRowFileOrMissingOutputIsReported() throws Exception {
        Path expected = tmp.resolve("expected/dt=2026-01-15");
        writeOutput(expected, "features", "(1, 'a'), (2, 'b')", "{}");
        writeOutput(expected, "preprocess", "(1, 'a')", "{\"rule\": 1}");
        Path actual = tmp.resolve("actual");
        writeOutput(actual, "features", "(1, 'a'), (2, 'c')", "{}");
        writeOutput(actual, "preprocess", "(1, 'a')", "{\"rule\": 2}");
        Files.createDirectories(actual.resolve("train"));

        assertThat(OutputComparison.differences(expected, actual)).containsExactly(
                "features/.: 2 vs 2 rows, 1 missing, 1 extra",
                "preprocess/metadata.json: contents differ");

        Path partial = tmp.resolve("partial");
        writeOutput(partial, "features", "(1, 'a'), (2, 'b')", "{}");
        assertThat(OutputComparison.differences(expected, partial))
                .containsExactly("complete outputs differ: [features, preprocess] vs [features]");
    }

    @Test
    void savedMllibStagesDifferingOnlyInSaveTimeAndJobIdAreEqualOtherParamsAreNot() throws Exception {
        Path left = tmp.resolve("left");
        Path right = tmp.resolve("right");
        writeOutput(left, "preprocess", "(1, 'a')", "{}");
        writeOutput(right, "preprocess", "(1, 'a')", "{}");
        String metadata = "{\"class\":\"io.windrow.preprocess.ml.IdSpace\",\"timestamp\":%d,\"paramMap\":{\"offsets\":[0,%d]}}";
        Path leftStage = Files.createDirectories(left.resolve("preprocess/pipeline/stages/5_windrowIdSpace/metadata"));
        Path rightStage = Files.createDirectories(right.resolve("preprocess/pipeline/stages/5_windrowIdSpace/metadata"));
        Files.writeString(leftStage.resolve("part-00000-0f6c3b2a-1d2e-4a5b-8c9d-0123456789ab-c000.txt"), String.format(metadata, 1L, 3));
        Path rightFile = rightStage.resolve("part-00000-9a8b7c6d-5e4f-4a3b-2c1d-ba9876543210-c000.txt");
        Files.writeString(rightFile, String.format(metadata, 2L, 3));

        assertThat(OutputComparison.differences(left, right)).isEmpty();
        Files.writeString(rightFile, String.format(metadata, 2L, 4));
        assertThat(OutputComparison.differences(left, right))
                .containsExactly("preprocess/pipeline/stages/5_windrowIdSpace/metadata/part-00000.txt: contents differ");
    }

    private static void writeOutput(Path workDir, String output, String rows, String metadata) throws Exception {
        Path dir = workDir.resolve(output);
        Files.createDirectories(dir);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT * FROM (VALUES " + rows + ") AS t(id, name)) TO '"
                    + dir.resolve("part-00000.parquet") + "' (FORMAT parquet)");
        }
        Files.writeString(dir.resolve("metadata.json"), metadata);
        Files.writeString(dir.resolve("_WINDROW_SUCCESS"), "");
    }
}

package io.windrow.jobs.output;

import io.windrow.jobs.WindrowException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageOutputTest {
    private final Configuration hadoop = new Configuration();

    @TempDir
    Path dir;

    @Test
    void commitMovesStagedFilesIntoPlaceWithMetricsConfigAndSuccess() throws IOException {
        Path target = dir.resolve("out");
        StageOutput output = StageOutput.create(target.toString(), "features", false, hadoop);
        Files.writeString(Path.of(java.net.URI.create(output.stagingPath("part-0"))), "data");
        assertThat(target).doesNotExist();
        output.metric("rows_out", 42).commit("a = 1\n");
        assertThat(target.resolve("part-0")).hasContent("data");
        assertThat(target.resolve(StageOutput.MARKER)).exists();
        assertThat(target.resolve(StageOutput.METRICS)).content().contains("\"rows_out\" : 42");
        assertThat(target.resolve(StageOutput.CONFIG)).hasContent("a = 1\n");
        assertThat(StageOutput.isComplete(target.toString(), hadoop)).isTrue();
        assertThat(hiddenEntries()).isEmpty();
    }

    @Test
    void existingOutputIsRefusedWithoutOverwriteAndKeptIntact() throws IOException {
        Path target = dir.resolve("out");
        StageOutput.create(target.toString(), "features", false, hadoop).commit("");
        assertThatThrownBy(() -> StageOutput.create(target.toString(), "features", false, hadoop))
                .isInstanceOf(WindrowException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("windrow.overwrite");
        assertThat(target.resolve(StageOutput.MARKER)).exists();
    }

    @Test
    void overwriteReplacesTheOldOutputOnlyAtCommit() throws IOException {
        Path target = dir.resolve("out");
        StageOutput first = StageOutput.create(target.toString(), "features", false, hadoop);
        Files.writeString(Path.of(java.net.URI.create(first.stagingPath("old"))), "old");
        first.commit("");
        StageOutput second = StageOutput.create(target.toString(), "features", true, hadoop);
        Files.writeString(Path.of(java.net.URI.create(second.stagingPath("new"))), "new");
        assertThat(target.resolve("old")).exists();
        second.commit("");
        assertThat(target.resolve("new")).exists();
        assertThat(target.resolve("old")).doesNotExist();
        assertThat(hiddenEntries()).isEmpty();
    }

    @Test
    void abortLeavesNothingBehindAndKeepsThePreviousOutput() throws IOException {
        Path target = dir.resolve("out");
        StageOutput.create(target.toString(), "features", false, hadoop).commit("");
        StageOutput failed = StageOutput.create(target.toString(), "features", true, hadoop);
        Files.writeString(Path.of(java.net.URI.create(failed.stagingPath("half"))), "half");
        failed.abort();
        assertThat(target.resolve(StageOutput.MARKER)).exists();
        assertThat(target.resolve("half")).doesNotExist();
        assertThat(hiddenEntries()).isEmpty();
    }

    @Test
    void requireCompleteNamesTheMissingInput() {
        String missing = dir.resolve("features").toString();
        assertThatThrownBy(() -> StageOutput.requireComplete(missing, "features table", hadoop))
                .isInstanceOf(WindrowException.class)
                .hasMessageContaining("features table not found at " + missing);
    }

    @Test
    void overwriteRefusesAFolderWindrowDidNotWriteAndLeavesItUntouched() throws IOException {
        Path notes = dir.resolve("my-notes");
        Files.createDirectories(notes.resolve("sub"));
        Files.writeString(notes.resolve("notes.txt"), "notes");
        assertThatThrownBy(() -> StageOutput.create(notes.toString(), "features", true, hadoop))
                .isInstanceOf(WindrowException.class)
                .hasMessageContaining("output " + notes + " is not a Windrow output")
                .hasMessageContaining("2 entries: ").hasMessageContaining("notes.txt").hasMessageContaining("sub/")
                .hasMessageContaining("refusing to replace it");
        assertThat(notes.resolve("notes.txt")).hasContent("notes");
        assertThat(hiddenEntries()).isEmpty();
    }

    @Test
    void overwriteRefusesAFileAndAnotherStagesOutput() throws IOException {
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> StageOutput.create(file.toString(), "features", true, hadoop))
                .hasMessageContaining("is a file, not a Windrow output");
        Path raw = dir.resolve("raw");
        StageOutput.create(raw.toString(), "generate", false, hadoop).commit("");
        assertThatThrownBy(() -> StageOutput.create(raw.toString(), "features", true, hadoop))
                .hasMessageContaining("is the output of the generate stage, not of features");
        assertThat(StageOutput.isComplete(raw.toString(), hadoop)).isTrue();
    }

    @Test
    void sparksOwnSuccessFileIsNotACommitMarker() throws IOException {
        Path half = dir.resolve("half");
        Files.createDirectories(half);
        Files.writeString(half.resolve("_SUCCESS"), "");
        Files.writeString(half.resolve("part-0.parquet"), "x");
        assertThat(StageOutput.isComplete(half.toString(), hadoop)).isFalse();
        assertThatThrownBy(() -> StageOutput.create(half.toString(), "features", true, hadoop))
                .hasMessageContaining("is not a Windrow output (no _WINDROW_SUCCESS");
    }

    @Test
    void anOutputCommittedBeforeTheMarkerExistedIsStillRecognisedByItsMetrics() throws IOException {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve("_SUCCESS"), "");
        Files.writeString(old.resolve("_metrics.json"), "{\"stage\" : \"features\"}");
        assertThat(StageOutput.isComplete(old.toString(), hadoop)).isTrue();
        StageOutput.create(old.toString(), "features", true, hadoop).commit("");
        assertThat(old.resolve(StageOutput.MARKER)).content().contains("\"stage\" : \"features\"");
    }

    @Test
    void stagingFoldersOfDeadWritersAreRemovedAndALiveWritersAreKept() throws IOException {
        Path target = dir.resolve("out");
        Path killedAtOnce = dir.resolve("._tmp_out_" + java.util.UUID.randomUUID());
        Files.createDirectories(killedAtOnce);
        Files.writeString(killedAtOnce.resolve("_SUCCESS"), "");
        Path deadWriter = dir.resolve("._tmp_out_" + java.util.UUID.randomUUID());
        Files.createDirectories(deadWriter);
        Files.writeString(deadWriter.resolve(StageOutput.WRITER), hostName() + " " + deadPid());
        Path liveWriter = dir.resolve("._tmp_out_" + java.util.UUID.randomUUID());
        Files.createDirectories(liveWriter);
        Files.writeString(liveWriter.resolve(StageOutput.WRITER), hostName() + " " + ProcessHandle.current().parent().orElseThrow().pid());
        Path otherOutput = dir.resolve("._tmp_other_" + java.util.UUID.randomUUID());
        Files.createDirectories(otherOutput);

        StageOutput output = StageOutput.create(target.toString(), "features", false, hadoop);
        assertThat(killedAtOnce).doesNotExist();
        assertThat(deadWriter).doesNotExist();
        assertThat(liveWriter).exists();
        assertThat(otherOutput).exists();
        output.commit("");
        assertThat(target.resolve(StageOutput.WRITER)).doesNotExist();
    }

    @Test
    void aKillBetweenTheTwoRenamesOfACommitLosesNothing() throws IOException {
        Path target = dir.resolve("out");
        StageOutput.create(target.toString(), "features", false, hadoop).commit("first");
        Path aside = dir.resolve("._old_out_" + java.util.UUID.randomUUID());
        Files.move(target, aside); // the state after the first rename of a replace
        StageOutput.create(target.toString(), "features", true, hadoop).abort();
        assertThat(target.resolve(StageOutput.CONFIG)).hasContent("first");
        assertThat(hiddenEntries()).isEmpty();
    }

    private static String hostName() throws IOException {
        return java.net.InetAddress.getLocalHost().getHostName();
    }

    private static long deadPid() throws IOException {
        Process process = new ProcessBuilder("true").start();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return process.pid();
    }

    private java.util.List<Path> hiddenEntries() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}

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
        StageOutput output = StageOutput.create(target.toString(), false, hadoop);
        Files.writeString(Path.of(java.net.URI.create(output.stagingPath("part-0"))), "data");
        assertThat(target).doesNotExist();
        output.metric("rows_out", 42).commit("a = 1\n");
        assertThat(target.resolve("part-0")).hasContent("data");
        assertThat(target.resolve(StageOutput.SUCCESS)).exists();
        assertThat(target.resolve(StageOutput.METRICS)).content().contains("\"rows_out\" : 42");
        assertThat(target.resolve(StageOutput.CONFIG)).hasContent("a = 1\n");
        assertThat(StageOutput.isComplete(target.toString(), hadoop)).isTrue();
        assertThat(hiddenEntries()).isEmpty();
    }

    @Test
    void existingOutputIsRefusedWithoutOverwriteAndKeptIntact() throws IOException {
        Path target = dir.resolve("out");
        StageOutput.create(target.toString(), false, hadoop).commit("");
        assertThatThrownBy(() -> StageOutput.create(target.toString(), false, hadoop))
                .isInstanceOf(WindrowException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("windrow.overwrite");
        assertThat(target.resolve(StageOutput.SUCCESS)).exists();
    }

    @Test
    void overwriteReplacesTheOldOutputOnlyAtCommit() throws IOException {
        Path target = dir.resolve("out");
        StageOutput first = StageOutput.create(target.toString(), false, hadoop);
        Files.writeString(Path.of(java.net.URI.create(first.stagingPath("old"))), "old");
        first.commit("");
        StageOutput second = StageOutput.create(target.toString(), true, hadoop);
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
        StageOutput.create(target.toString(), false, hadoop).commit("");
        StageOutput failed = StageOutput.create(target.toString(), true, hadoop);
        Files.writeString(Path.of(java.net.URI.create(failed.stagingPath("half"))), "half");
        failed.abort();
        assertThat(target.resolve(StageOutput.SUCCESS)).exists();
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

    private java.util.List<Path> hiddenEntries() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}

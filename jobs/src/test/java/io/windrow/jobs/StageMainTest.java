package io.windrow.jobs;

import io.windrow.jobs.output.StageOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StageMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Writes one file named after fixture.name into fixture.output; fails when fixture.count is 0. */
    private static final class FixtureStage implements Stage {
        @Override
        public String name() {
            return "fixture";
        }

        @Override
        public String description() {
            return "a stage for tests";
        }

        @Override
        public boolean needsSpark() {
            return false;
        }

        @Override
        public StageResult run(StageContext context) throws Exception {
            StageOutput output = context.openOutput(context.stageConfig().getString("output"));
            Files.writeString(Path.of(java.net.URI.create(output.stagingPath(context.stageConfig().getString("name")))), "x");
            if (context.stageConfig().getInt("count") == 0) {
                throw new IllegalStateException("boom after writing");
            }
            output.metric("rows_out", 1);
            return new StageResult("wrote 1 file");
        }
    }

    private int run(String... args) {
        return StageMain.run(new FixtureStage(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String workDir() {
        return "windrow.work-dir=" + dir;
    }

    @Test
    void successCommitsOutputAndPrintsOneSummaryLine() {
        int code = run("--set", workDir());
        assertThat(code).isZero();
        assertThat(dir.resolve("fixture/plain")).exists();
        assertThat(dir.resolve("fixture/_SUCCESS")).exists();
        assertThat(dir.resolve("fixture/_metrics.json")).content().contains("\"stage\" : \"fixture\"");
        assertThat(dir.resolve("fixture/_config.conf")).content().contains("work-dir").contains("<redacted>");
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("windrow fixture: OK in [0-9.]+s: wrote 1 file\\R");
    }

    @Test
    void failureLeavesNoOutputAndExitsNonZero() throws Exception {
        int code = run("--set", workDir(), "--set", "fixture.count=0");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("windrow fixture: error: IllegalStateException: boom after writing");
        try (var entries = Files.list(dir)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void rerunWithoutOverwriteIsRefusedAndKeepsTheFirstOutput() {
        assertThat(run("--set", workDir())).isZero();
        assertThat(run("--set", workDir(), "--set", "fixture.name=second")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("windrow fixture: error: output " + dir.resolve("fixture")
                        + " already exists; pass --set windrow.overwrite=true to replace it")
                .doesNotContain("\n");
        assertThat(dir.resolve("fixture/plain")).exists();
        assertThat(run("--set", workDir(), "--set", "fixture.name=second", "--set", "windrow.overwrite=true")).isZero();
        assertThat(dir.resolve("fixture/second")).exists();
        assertThat(dir.resolve("fixture/plain")).doesNotExist();
    }

    @Test
    void userErrorsAreOneLineWithoutStackTrace() {
        assertThat(run("--set", "fixture.cuont=1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("windrow fixture: error: unknown config key 'fixture.cuont' (did you mean 'count'?)");
        err.reset();
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--bogus'");
    }

    @Test
    void helpListsTheStageKeys() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("windrow fixture: a stage for tests")
                .contains("fixture.count = 3")
                .contains("windrow.overwrite = false");
    }
}

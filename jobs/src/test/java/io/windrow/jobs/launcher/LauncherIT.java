package io.windrow.jobs.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/windrow} as a user runs it, after {@code package} built the jars: stage listing,
 * per-stage help, a stage without Spark, and one-line errors with non-zero exits.
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("windrow.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String stdout, String stderr) {}

    private Outcome windrow(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/windrow").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("launcher finished").isTrue();
        return new Outcome(process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryStage() throws Exception {
        Outcome outcome = windrow("--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("generate", "features", "preprocess", "train", "score", "samples",
                "diagnose", "conformance", "functions", "bench", "pipeline");
    }

    @Test
    void stageHelpListsItsKeysWithDefaultsOnce() throws Exception {
        Outcome outcome = windrow("generate", "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("generate.requests = 100000", "windrow.overwrite = false")
                .contains("generate.output = ${windrow.work-dir}\"/raw\" ");
    }

    @Test
    void stageWithoutSparkRuns() throws Exception {
        Outcome outcome = windrow("functions");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("topn_frequency", "fz_top1_ratio");
    }

    @Test
    void unknownStageIsOneLineAndExitTwo() throws Exception {
        Outcome outcome = windrow("nosuch");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().strip()).isEqualTo("windrow: error: unknown stage 'nosuch' (windrow --help lists the stages)");
    }

    @Test
    void mistypedKeyNamesTheKeyAndWritesNothing() throws Exception {
        Outcome outcome = windrow("generate", "--set", "windrow.work-dir=" + dir.resolve("w"), "--set", "generate.requets=5000");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().filter(line -> line.contains("error"))).containsExactly(
                "windrow generate: error: unknown config key 'generate.requets' (did you mean 'requests'?)");
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void missingConfigFileIsNamed() throws Exception {
        Outcome outcome = windrow("features", "--config", "no/such.conf");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("windrow features: error: config file not found: no/such.conf");
    }
}

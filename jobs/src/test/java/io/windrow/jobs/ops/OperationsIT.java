package io.windrow.jobs.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end checks of the operations scripts on a tiny synthetic pipeline (generate, features,
 * preprocess): {@code scripts/nightly.sh} (skip, lock, retries, exit codes, kill -9 and rerun) and a
 * real Spark standalone cluster from {@code scripts/local-cluster}. Every run's outputs are compared
 * with an uninterrupted local nightly run by DuckDB. They start JVMs and take minutes, so they run
 * only with {@code -Dwindrow.ops=true} (scripts/test/ops-tests), after {@code ./mvnw package}.
 */
@EnabledIfSystemProperty(named = "windrow.ops", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {
    private static final String DATE = "2026-01-15";
    private static final String STAGES = "generate,features,preprocess";
    private static final Path ROOT = Path.of(System.getProperty("windrow.root", "..")).toAbsolutePath().normalize();
    private static final Path CONFIG = ROOT.resolve("jobs/src/test/resources/ops/synthetic-pipeline.conf");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Few shuffle partitions: the tables are tiny, and Spark's 200 only cost time (as in the conformance stage). */
    private static final List<String> SPARK_CONF = List.of("--conf", "spark.sql.shuffle.partitions=2");
    private static Path scratch;
    private static Path reference;

    @BeforeAll
    static void uninterruptedNightlyRun() throws Exception {
        assertThat(ROOT.resolve("jobs/target/windrow-jobs.jar")).as("run ./mvnw -DskipTests package first").exists();
        scratch = Files.createTempDirectory("windrow-ops-");
        Path base = scratch.resolve("reference");
        Result run = nightly(base, "--date", DATE);
        assertThat(run.code).as(run.output).isZero();
        reference = base.resolve("dt=" + DATE);
        JsonNode summary = summary(base);
        assertThat(summary.path("result").asText()).isEqualTo("ok");
        assertThat(statuses(summary)).containsExactly("OK", "OK", "OK");
        assertThat(summary.path("stages").get(0).path("rows").asLong()).isPositive();
        assertThat(run.output).contains("summary: generate OK").contains("features OK").contains("preprocess OK");
        assertThat(OutputComparison.completeOutputs(reference)).contains("raw", "features", "preprocess");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (scratch != null && System.getProperty("windrow.ops.keep") == null) {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void rerunSkipsCompleteStages() throws Exception {
        Path base = reference.getParent();
        Result again = nightly(base, "--date", DATE);
        assertThat(again.code).as(again.output).isZero();
        assertThat(statuses(summary(base))).containsExactly("SKIPPED", "SKIPPED", "SKIPPED");
        assertThat(again.output).contains("generate: SKIPPED, output complete for this config");
    }

    @Test
    @Order(2)
    void killedRunLeavesNoPartialOutputAndTheRerunMatchesAnUninterruptedRun() throws Exception {
        Path base = scratch.resolve("killed");
        Path work = base.resolve("dt=" + DATE);
        Process run = startInOwnProcessGroup(base, scratch.resolve("killed-first.log"), "--date", DATE);
        String killedDuring = waitForStagingOfALaterStage(work, run);
        // kill -9 the whole run: the script, the launcher JVM and whatever it started; then wait
        // until the kernel has really ended them all (a killed JVM takes a moment to go away).
        List<ProcessHandle> processes = new ArrayList<>(run.descendants().toList());
        processes.add(run.toHandle());
        new ProcessBuilder("kill", "-9", "--", "-" + run.pid()).inheritIO().start().waitFor();
        for (ProcessHandle process : processes) {
            process.onExit().get(2, TimeUnit.MINUTES);
        }
        while (new ProcessBuilder("pgrep", "-g", String.valueOf(run.pid())).start().waitFor() == 0) {
            Thread.sleep(200);
        }
        assertThat(killedDuring).as("the run was killed while a stage was writing").isNotNull();

        // Nothing partial is visible: every visible folder is a complete output or inside one.
        try (Stream<Path> children = Files.list(work)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    assertThat(child.resolve("_WINDROW_SUCCESS")).as("visible output " + child).exists();
                }
            }
        }

        Result rerun = nightly(base, "--date", DATE);
        assertThat(rerun.code).as(rerun.output).isZero();
        assertThat(rerun.output).contains("taking over the lock of an earlier run");
        assertThat(statuses(summary(base))).startsWith("SKIPPED").endsWith("OK");
        assertThat(OutputComparison.differences(reference, work)).isEmpty();
        try (Stream<Path> walk = Files.walk(work)) {
            assertThat(walk.filter(path -> path.getFileName().toString().startsWith("._tmp_"))).isEmpty();
        }
    }

    @Test
    @Order(3)
    void lockAndMissingInputAndFailingStageGiveTheirExitCodes() throws Exception {
        Path base = scratch.resolve("errors");
        // A date without input, when the pipeline starts after generate.
        Result noInput = nightly(base, "--date", "2026-01-16", "--stages", "features,preprocess");
        assertThat(noInput.code).isEqualTo(4);
        assertThat(noInput.output).contains("no input for dt=2026-01-16").contains("raw does not exist");

        // Another live run holds the lock.
        Path lock = base.resolve("_runs/dt=2026-01-17/lock");
        Files.createDirectories(lock.getParent());
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "120").start();
        try {
            Thread.sleep(500);
            Files.writeString(lock.resolveSibling("lock.pid"), holder.pid() + "\n");
            Result locked = nightly(base, "--date", "2026-01-17");
            assertThat(locked.code).isEqualTo(3);
            assertThat(locked.output).contains("already being processed by pid " + holder.pid());
        } finally {
            holder.destroyForcibly().waitFor();
        }

        // A stage with a config error: not retried (it would fail the same way; BadInputHarnessTest
        // checks that exit 1 is retried), exit 10 + its index, and the alert runs.
        Path alert = base.resolve("alert.txt");
        Result failing = nightly(base, "--date", "2026-01-18", "--stages", "generate", "--retries", "1",
                "--backoff", "0", "--set", "generate.requests=5",
                "--on-failure", "echo \"$NIGHTLY_STAGE $NIGHTLY_EXIT\" > " + alert);
        assertThat(failing.code).as(failing.output).isEqualTo(10);
        assertThat(failing.output).contains("generate: attempt 1 of 2").contains("not retried: exit 2")
                .doesNotContain("attempt 2 of 2").contains("FAILED at generate (exit 10)");
        assertThat(alert).content().isEqualTo("generate 10\n");
        JsonNode summary = JSON.readTree(base.resolve("_runs/dt=2026-01-18/latest/summary.json").toFile());
        assertThat(summary.path("stages").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(summary.path("stages").get(0).path("stage_exit_code").asInt()).isEqualTo(2);
        assertThat(summary.path("result").asText()).isEqualTo("failed");
    }

    @Test
    @Order(4)
    void standaloneClusterRunMatchesTheLocalRunAndIsStoppedByPid() throws Exception {
        Path clusterDir = scratch.resolve("cluster");
        String port = System.getProperty("windrow.ops.cluster-port", "7077");
        String master = "spark://127.0.0.1:" + port;
        List<String> env = List.of("WINDROW_CLUSTER_DIR=" + clusterDir, "WINDROW_CLUSTER_PORT=" + port);
        Result unreachable = exec(env, ROOT.resolve("scripts/windrow").toString(), "generate", "--", "--master", master);
        assertThat(unreachable.code).isEqualTo(2);
        assertThat(unreachable.output).contains("Spark master " + master + " is unreachable");

        Result started = exec(env, ROOT.resolve("scripts/local-cluster").toString(), "start");
        List<Long> pids = new ArrayList<>();
        try {
            assertThat(started.code).as(started.output).isZero();
            try (Stream<Path> files = Files.list(clusterDir.resolve("pids"))) {
                for (Path file : files.toList()) {
                    pids.add(Long.parseLong(Files.readString(file).trim()));
                }
            }
            assertThat(pids).hasSize(3);
            Path work = scratch.resolve("cluster-work");
            for (String stage : STAGES.split(",")) {
                List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/windrow").toString(), stage,
                        "--config", CONFIG.toString(), "--set", "windrow.work-dir=" + work,
                        "--", "--master", master, "--executor-memory", "1g"));
                command.addAll(SPARK_CONF);
                Result result = exec(env, command.toArray(String[]::new));
                assertThat(result.code).as(result.output).isZero();
                assertThat(result.output).contains("windrow " + stage + ": OK");
            }
            assertThat(Files.readString(clusterDir.resolve("logs/master.log")))
                    .as("the application ran on the cluster").contains("Registering app windrow-generate");
            assertThat(OutputComparison.differences(reference, work)).isEmpty();
        } finally {
            Result stopped = exec(env, ROOT.resolve("scripts/local-cluster").toString(), "stop");
            assertThat(stopped.code).as(stopped.output).isZero();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
        Result status = exec(env, ROOT.resolve("scripts/local-cluster").toString(), "status");
        assertThat(status.code).isEqualTo(3);
    }

    @Test
    @Order(5)
    void changedConfigOfOneStageRerunsItAndTheLaterStagesOnly() throws Exception {
        Path base = reference.getParent();
        Result changed = nightly(base, "--date", DATE, "--set", "preprocess.continuous.buckets=8");
        assertThat(changed.code).as(changed.output).isZero();
        assertThat(statuses(summary(base))).containsExactly("SKIPPED", "SKIPPED", "OK");
        assertThat(changed.output).contains("preprocess: will run (config changed since the last successful run)");
        Result forced = nightly(base, "--date", DATE, "--from", "preprocess");
        assertThat(forced.code).as(forced.output).isZero();
        assertThat(statuses(summary(base))).containsExactly("SKIPPED", "SKIPPED", "OK");
    }

    // --- helpers

    private record Result(int code, String output) {}

    private static Result nightly(Path base, String... args) throws Exception {
        List<String> command = new ArrayList<>(nightlyCommand(base));
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--", "--master", "local[2]"));
        command.addAll(SPARK_CONF);
        return exec(List.of(), command.toArray(String[]::new));
    }

    private static List<String> nightlyCommand(Path base) {
        return new ArrayList<>(List.of(ROOT.resolve("scripts/nightly.sh").toString(), "--base", base.toString(),
                "--stages", STAGES, "--config", CONFIG.toString(), "--retries", "0", "--backoff", "0"));
    }

    /** Starts a nightly run as the leader of a new process group, so the test can kill all of it. */
    private static Process startInOwnProcessGroup(Path base, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(nightlyCommand(base));
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--", "--master", "local[2]"));
        command.addAll(SPARK_CONF);
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Waits until a stage after generate has a staging folder; returns its name (null if the run ended). */
    private static String waitForStagingOfALaterStage(Path work, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline && run.isAlive()) {
            if (Files.isDirectory(work)) {
                try (Stream<Path> children = Files.list(work)) {
                    String staging = children.map(path -> path.getFileName().toString())
                            .filter(name -> name.startsWith("._tmp_") && !name.startsWith("._tmp_raw_"))
                            .findFirst().orElse(null);
                    if (staging != null) {
                        return staging;
                    }
                } catch (IOException e) {
                    // a folder renamed while listing: look again
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private static Result exec(List<String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        for (String entry : env) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Path log = Files.createTempFile(scratch, "exec-", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + tail(output));
        return new Result(process.exitValue(), output);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().filter(line -> !line.startsWith("\tat ")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static JsonNode summary(Path base) throws IOException {
        return JSON.readTree(base.resolve("_runs/dt=" + DATE + "/latest/summary.json").toFile());
    }

    private static List<String> statuses(JsonNode summary) {
        List<String> statuses = new ArrayList<>();
        summary.path("stages").forEach(stage -> statuses.add(stage.path("status").asText()));
        return statuses;
    }
}

package io.windrow.train;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume after a real crash: a training JVM is killed with SIGKILL mid-run, and a resumed run ends
 * exactly where an uninterrupted run with the same seed ends. Complements {@link TrainerTest}'s
 * resume tests, whose first part stops cleanly at an epoch boundary.
 */
class KilledTrainingTest {
    private static final int EPOCHS = 30;
    private static final Pattern NEXT_EPOCH = Pattern.compile("\"nextEpoch\"\\s*:\\s*(\\d+)");

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = dir.resolve("preprocessed");
        PlantedData.write(data, 3000, 1200, 11);
    }

    /** A training run in its own JVM: {@code DATA CHECKPOINTS EPOCHS}. */
    public static void main(String[] args) {
        TrainSettings settings = settings(Path.of(args[0]), Path.of(args[1]));
        Configuration conf = new Configuration();
        new Trainer(settings, conf).train(new Trainer(settings, conf).spec(), settings.checkpointDir());
    }

    /** Patience no run reaches, so every run trains all epochs. */
    private static TrainSettings settings(Path data, Path checkpoints) {
        return PlantedData.settings(data, checkpoints, EPOCHS, 0, 1000, 1e-6);
    }

    @Test
    void runKilledWithSigkillResumesToTheUninterruptedResult() throws Exception {
        Configuration conf = new Configuration();
        TrainSettings full = settings(data, dir.resolve("ckpt-full"));
        ModelRun uninterrupted = new Trainer(full, conf).train(new Trainer(full, conf).spec(), full.checkpointDir());

        Path checkpoints = dir.resolve("ckpt-killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledTrainingTest.class.getName(),
                data.toString(), checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        int killedAfterEpoch = waitForCheckpointOfEpoch(checkpoints.resolve("last/state.json"), 2, child);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("the child was killed, not finished (log: %s)", dir.resolve("killed.log"))
                .isEqualTo(137);
        assertThat(killedAfterEpoch).isBetween(2, EPOCHS - 1);

        TrainSettings resume = settings(data, checkpoints).withResume(true);
        ModelRun resumed = new Trainer(resume, conf).train(new Trainer(resume, conf).spec(), resume.checkpointDir());

        assertThat(resumed.evaluations()).isEqualTo(uninterrupted.evaluations());
        assertThat(resumed.bestStep()).isEqualTo(uninterrupted.bestStep());
        assertThat(resumed.testLogits()).containsExactly(uninterrupted.testLogits());
    }

    @Test
    void checkpointMovedAsideByAKilledSwapIsMovedBack() throws Exception {
        Path checkpoints = dir.resolve("ckpt-swap");
        Files.createDirectories(checkpoints.resolve(".last.old-1"));
        Files.writeString(checkpoints.resolve(".last.old-1/state.json"), "{}");
        Files.createDirectories(checkpoints.resolve(".last.tmp-2"));
        Files.createDirectories(checkpoints.resolve("best"));
        Files.createDirectories(checkpoints.resolve(".best.old-3"));

        HadoopFiles.recoverFolder(new org.apache.hadoop.fs.Path(checkpoints.toString(), "last"), new Configuration());
        HadoopFiles.recoverFolder(new org.apache.hadoop.fs.Path(checkpoints.toString(), "best"), new Configuration());

        assertThat(checkpoints.resolve("last/state.json")).hasContent("{}");
        try (var names = Files.list(checkpoints)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("last", "best");
        }
    }

    /** Waits until the child's last checkpoint is at least {@code epoch}; returns the epoch it saw. */
    private static int waitForCheckpointOfEpoch(Path state, int epoch, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(state)) {
                try {
                    Matcher m = NEXT_EPOCH.matcher(Files.readString(state));
                    if (m.find() && Integer.parseInt(m.group(1)) >= epoch) {
                        return Integer.parseInt(m.group(1));
                    }
                } catch (java.io.IOException e) {
                    // the checkpoint folder was being swapped; look again
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the training child never reached epoch " + epoch + " (alive: " + child.isAlive() + ")");
    }
}

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    private static final int KILLED_RUN_EPOCHS = 30;
    private static final Pattern NEXT_EPOCH = Pattern.compile("\"nextEpoch\"\\s*:\\s*(\\d+)");

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = dir.resolve("preprocessed");
        PlantedData.write(data, 3000, 1200, 11);
    }

    /** The SparkSession of the MLlib baseline, started on first use. */
    static synchronized org.apache.spark.sql.SparkSession spark() {
        return org.apache.spark.sql.SparkSession.builder().master("local[2]").appName("windrow-train-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    /** A training run in its own JVM, for the test that kills it: {@code DATA CHECKPOINTS}. */
    public static void main(String[] args) {
        TrainSettings settings = killedRunSettings(Path.of(args[0]), Path.of(args[1]));
        Configuration conf = new Configuration();
        new Trainer(settings, conf).train(new Trainer(settings, conf).spec(), settings.checkpointDir());
    }

    /** Patience no run reaches, so every run trains all epochs. */
    private static TrainSettings killedRunSettings(Path data, Path checkpoints) {
        return PlantedData.settings(data, checkpoints, KILLED_RUN_EPOCHS, 0, 1000, 1e-6);
    }

    @Test
    void learnsThePlantedInteractionThatLogisticRegressionCannot() throws Exception {
        Path out = dir.resolve("model");
        Files.createDirectories(out);
        TrainJob.Report report = TrainJob.run(PlantedData.settings(data, dir.resolve("ckpt-learn"), 6), out.toString(),
                new Configuration(), TrainerTest::spark);
        double deepFm = report.main().test().auc();
        double lr = report.baseline().orElseThrow().test().auc();
        double bayes = report.bayesAuc().orElseThrow();
        assertThat(deepFm).as(report.summary()).isGreaterThan(0.75);
        assertThat(deepFm - lr).as(report.summary()).isGreaterThan(0.1);
        // The MLlib baseline against the same model trained here with Adam (train.model = lr): both fit one weight
        // per id, so their test AUCs agree closely; and the saved baseline scores test rows as the report says.
        TrainSettings adam = PlantedData.settings(data, dir.resolve("ckpt-adam-lr"), 6);
        Trainer trainer = new Trainer(adam, new Configuration());
        double adamLr = trainer.train(trainer.spec().asLogisticRegression(), adam.checkpointDir()).test().auc();
        assertThat(lr).as("MLlib LR %s vs Adam LR %s", lr, adamLr).isCloseTo(adamLr, org.assertj.core.data.Offset.offset(0.01));
        try (java.io.InputStream in = Files.newInputStream(out.resolve(TrainJob.BASELINE_FILE))) {
            assertThat(trainer.test(io.windrow.train.model.ModelStore.loadModel(in, "baseline")).metrics().auc()).isEqualTo(lr);
        }
        assertThat(bayes).as(report.summary()).isGreaterThan(deepFm - 0.01).isLessThan(deepFm + 0.05);
        assertThat(report.main().history()).isNotEmpty();
        assertThat(out.resolve(TrainJob.MODEL_FILE)).exists();
        assertThat(out.resolve(TrainJob.BASELINE_FILE)).exists();
        assertThat(Files.readString(out.resolve(TrainJob.METRICS_FILE))).contains("\"val_auc\"", "\"test_auc\"",
                "\"bayes_optimal_test_auc\"", "\"samples_per_s\"", "\"evaluations\"", "\"test_positives\"",
                "\"test_auc_reliable\" : true");
        assertThat(report.summary()).contains("positive of 1200 rows)").doesNotContain("UNRELIABLE");
        byte[] png = Files.readAllBytes(out.resolve(TrainJob.CURVE_FILE));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void tooFewTestPositivesForTheAucAreSaidInTheSummary() throws Exception {
        Path out = dir.resolve("model-few");
        Files.createDirectories(out);
        TrainSettings settings = PlantedData.settings(data, dir.resolve("ckpt-few"), 1, 0, 3, 1e-6, 100_000);
        TrainJob.Report report = TrainJob.run(settings, out.toString(), new Configuration(), TrainerTest::spark);
        int positives = 0;
        for (float label : report.main().testLabels()) {
            positives += (int) label;
        }
        assertThat(report.main().test().positives()).isEqualTo(positives);
        assertThat(report.summary()).contains("UNRELIABLE: the test split has " + positives + " positive and "
                + (1200 - positives) + " negative rows, fewer than train.min-auc-positives=100000");
        assertThat(report.metrics()).containsEntry("test_auc_reliable", false).containsEntry("test_positives", (long) positives);
        assertThat(Files.readString(out.resolve(TrainJob.METRICS_FILE))).contains("\"test_auc_reliable\" : false");
    }

    @Test
    void resumedRunEndsWhereAnUninterruptedRunEnds() {
        Configuration conf = new Configuration();
        TrainSettings full = PlantedData.settings(data, dir.resolve("ckpt-full"), 3);
        ModelRun uninterrupted = new Trainer(full, conf).train(new Trainer(full, conf).spec(), full.checkpointDir());

        TrainSettings firstPart = PlantedData.settings(data, dir.resolve("ckpt-resumed"), 2);
        new Trainer(firstPart, conf).train(new Trainer(firstPart, conf).spec(), firstPart.checkpointDir());
        TrainSettings rest = firstPart.withEpochs(3).withResume(true);
        ModelRun resumed = new Trainer(rest, conf).train(new Trainer(rest, conf).spec(), rest.checkpointDir());

        assertThat(resumed.history()).hasSize(3);
        assertThat(resumed.history()).isEqualTo(uninterruptedWithoutTiming(uninterrupted, resumed));
        assertThat(resumed.testLogits()).containsExactly(uninterrupted.testLogits());
        assertThat(resumed.test().auc()).isEqualTo(uninterrupted.test().auc());
    }

    @Test
    void validatesEveryNStepsAndResumesToTheSameResult() {
        Configuration conf = new Configuration();
        // Patience no run reaches: the schedule alone decides when validation runs.
        TrainSettings full = PlantedData.settings(data, dir.resolve("ckpt-steps-full"), 3, 20, 100, 1e-6);
        ModelRun uninterrupted = new Trainer(full, conf).train(new Trainer(full, conf).spec(), full.checkpointDir());
        // 47 steps per epoch: every 20th global step, plus each epoch's end unless it fell on one.
        assertThat(uninterrupted.evaluations()).extracting(Evaluation::step)
                .containsExactly(20L, 40L, 47L, 60L, 80L, 94L, 100L, 120L, 140L, 141L);
        assertThat(uninterrupted.evaluations()).extracting(Evaluation::epoch).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3, 3);
        assertThat(uninterrupted.evaluations().get(0).epochPosition()).isEqualTo(20.0 / 47);
        assertThat(uninterrupted.evaluations().get(5).epochPosition()).isEqualTo(2.0);
        // The epoch record carries the epoch-end validation.
        assertThat(uninterrupted.history().get(1).valAuc()).isEqualTo(uninterrupted.evaluations().get(5).val().auc());
        Evaluation best = uninterrupted.evaluations().stream()
                .max(java.util.Comparator.comparingDouble(e -> e.val().score("auc-logloss"))).orElseThrow();
        assertThat(uninterrupted.bestStep()).isEqualTo(best.step());

        TrainSettings firstPart = PlantedData.settings(data, dir.resolve("ckpt-steps-resumed"), 2, 20, 100, 1e-6);
        new Trainer(firstPart, conf).train(new Trainer(firstPart, conf).spec(), firstPart.checkpointDir());
        TrainSettings rest = firstPart.withEpochs(3).withResume(true);
        ModelRun resumed = new Trainer(rest, conf).train(new Trainer(rest, conf).spec(), rest.checkpointDir());

        assertThat(resumed.evaluations()).isEqualTo(uninterrupted.evaluations());
        assertThat(resumed.history()).isEqualTo(uninterruptedWithoutTiming(uninterrupted, resumed));
        assertThat(resumed.bestStep()).isEqualTo(uninterrupted.bestStep());
        assertThat(resumed.testLogits()).containsExactly(uninterrupted.testLogits());
    }

    @Test
    void earlyStoppingCountsPatienceInValidationsAndStopsMidEpoch() {
        Configuration conf = new Configuration();
        // No validation can beat the first by 10: patience 2 stops at the third, step 15 of epoch 1.
        TrainSettings settings = PlantedData.settings(data, dir.resolve("ckpt-steps-stop"), 3, 5, 2, 10);
        ModelRun run = new Trainer(settings, conf).train(new Trainer(settings, conf).spec(), settings.checkpointDir());
        assertThat(run.earlyStopped()).isTrue();
        assertThat(run.evaluations()).extracting(Evaluation::step).containsExactly(5L, 10L, 15L);
        assertThat(run.bestEpoch()).isEqualTo(1);
        assertThat(run.bestStep()).isEqualTo(5);
        assertThat(run.history()).hasSize(1);
        assertThat(run.history().get(0).trainRows()).isEqualTo(15 * 64);
        assertThat(run.history().get(0).valAuc()).isEqualTo(run.evaluations().get(2).val().auc());

        // The kept model is the one of step 5: training 5 steps with nothing to stop it gives the same test scores.
        TrainSettings fiveSteps = PlantedData.settings(data, dir.resolve("ckpt-steps-five"), 1, 5, 1, 10);
        ModelRun five = new Trainer(fiveSteps, conf).train(new Trainer(fiveSteps, conf).spec(), fiveSteps.checkpointDir());
        assertThat(five.bestStep()).isEqualTo(5);
        assertThat(run.testLogits()).containsExactly(five.testLogits());

        // Resuming a stopped run trains nothing more and ends the same.
        ModelRun resumed = new Trainer(settings.withResume(true), conf).train(new Trainer(settings, conf).spec(),
                settings.checkpointDir());
        assertThat(resumed.evaluations()).isEqualTo(run.evaluations());
        assertThat(resumed.testLogits()).containsExactly(run.testLogits());
    }

    /** The uninterrupted history with the resumed run's (machine-dependent) throughput figures. */
    private static java.util.List<EpochRecord> uninterruptedWithoutTiming(ModelRun a, ModelRun b) {
        java.util.List<EpochRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < a.history().size(); i++) {
            EpochRecord r = a.history().get(i);
            records.add(new EpochRecord(r.epoch(), r.learningRate(), r.trainLoss(), r.trainRows(),
                    b.history().get(i).samplesPerSecond(), r.valAuc(), r.valLogloss()));
        }
        return records;
    }

    @Test
    void nanLossStopsWithTheStepAndTheLastGoodCheckpoint() {
        Configuration conf = new Configuration();
        TrainSettings first = PlantedData.settings(data, dir.resolve("ckpt-nan"), 1);
        new Trainer(first, conf).train(new Trainer(first, conf).spec(), first.checkpointDir());
        TrainSettings exploding = new TrainSettings(first.input(), "deepfm", 4, java.util.List.of(16, 16), "relu", 0.1,
                false, 0.01, 64, 256, 2, 1e38, 1, 1e-5, 42, 500, 2, "auc-logloss", 3, 1e-6, first.checkpointDir(), true,
                false, "", "reqId", "cpu", false, java.util.List.of(1e-3), 0, 30);
        assertThatThrownBy(() -> new Trainer(exploding, conf).train(new Trainer(exploding, conf).spec(), exploding.checkpointDir()))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("deepfm loss is (NaN|Infinity) at epoch 2 step \\d+ \\(global step \\d+\\); last good checkpoint: .*ckpt-nan/last \\(after epoch 1\\).*");
    }

    @Test
    void cudaRequestWithoutCudaIsAClearErrorOrFallsBack() {
        assertThatThrownBy(() -> Backends.select("cuda", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train.backend=cuda but ND4J loaded CpuBackend")
                .hasMessageContaining("--set train.backend=cpu");
        assertThat(Backends.select("cuda", true).cuda()).isFalse();
        assertThat(Backends.select("cpu", false).threads()).isPositive();
    }

    /**
     * Resume after a real crash: a training JVM is killed with SIGKILL mid-run, and the resumed run
     * ends exactly where an uninterrupted run with the same seed ends (the other resume tests stop
     * their first part cleanly at an epoch boundary).
     */
    @Test
    void runKilledWithSigkillResumesToTheUninterruptedResult() throws Exception {
        Configuration conf = new Configuration();
        TrainSettings full = killedRunSettings(data, dir.resolve("ckpt-kill-full"));
        ModelRun uninterrupted = new Trainer(full, conf).train(new Trainer(full, conf).spec(), full.checkpointDir());

        Path checkpoints = dir.resolve("ckpt-killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainerTest.class.getName(),
                data.toString(), checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        int killedAfterEpoch = waitForCheckpointOfEpoch(checkpoints.resolve("last/state.json"), 2, child);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("the child was killed, not finished (log: %s)", dir.resolve("killed.log"))
                .isEqualTo(137);
        assertThat(killedAfterEpoch).isBetween(2, KILLED_RUN_EPOCHS - 1);

        TrainSettings resume = killedRunSettings(data, checkpoints).withResume(true);
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

package io.windrow.train;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = dir.resolve("preprocessed");
        PlantedData.write(data, 3000, 1200, 11);
    }

    @Test
    void learnsThePlantedInteractionThatLogisticRegressionCannot() throws Exception {
        Path out = dir.resolve("model");
        Files.createDirectories(out);
        TrainJob.Report report = TrainJob.run(PlantedData.settings(data, dir.resolve("ckpt-learn"), 6), out.toString(),
                new Configuration());
        double deepFm = report.main().test().auc();
        double lr = report.baseline().orElseThrow().test().auc();
        double bayes = report.bayesAuc().orElseThrow();
        assertThat(deepFm).as(report.summary()).isGreaterThan(0.75);
        assertThat(deepFm - lr).as(report.summary()).isGreaterThan(0.1);
        assertThat(bayes).as(report.summary()).isGreaterThan(deepFm - 0.01).isLessThan(deepFm + 0.05);
        assertThat(report.main().history()).isNotEmpty();
        assertThat(out.resolve(TrainJob.MODEL_FILE)).exists();
        assertThat(out.resolve(TrainJob.BASELINE_FILE)).exists();
        assertThat(Files.readString(out.resolve(TrainJob.METRICS_FILE))).contains("\"val_auc\"", "\"test_auc\"",
                "\"bayes_optimal_test_auc\"", "\"samples_per_s\"");
        byte[] png = Files.readAllBytes(out.resolve(TrainJob.CURVE_FILE));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
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
                false, "", "reqId", "cpu", false, 0.05);
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
}

package io.windrow.train;

import io.windrow.train.eval.RankAuc;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The whole {@code train} stage without the launcher: trains the configured model, the
 * logistic-regression baseline beside it (on Spark MLlib, {@link LogisticBaseline}), computes the Bayes-optimal test AUC when the generator's
 * truth table is reachable, and writes {@code model.bin} (plus {@code baseline-lr.bin}),
 * {@code metrics.json} and {@code training-curve.png} into the output folder.
 */
public final class TrainJob {
    public static final String MODEL_FILE = "model.bin";
    public static final String BASELINE_FILE = "baseline-lr.bin";
    public static final String METRICS_FILE = "metrics.json";
    public static final String CURVE_FILE = "training-curve.png";
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private TrainJob() {}

    /** What a run reports: the one-line summary and the figures for {@code _metrics.json}. */
    public record Report(String summary, Map<String, Object> metrics, ModelRun main, Optional<ModelRun> baseline,
            Optional<Double> bayesAuc) {}

    /**
     * @param spark gives the SparkSession the MLlib baseline trains on; called only when the
     *     baseline is on, so a run without it starts no Spark
     */
    public static Report run(TrainSettings settings, String outputDir, Configuration conf, Supplier<SparkSession> spark) {
        requireNonNull(outputDir, "outputDir");
        Backends.BackendInfo backend = Backends.select(settings.backend(), settings.backendFallback());
        Trainer trainer = new Trainer(settings, conf);
        ModelSpec spec = trainer.spec();
        LOG.info("train: {} fields, {} ids, model {}", spec.fields().size(), spec.total(), spec);
        ModelRun main = trainer.train(spec, new Path(settings.checkpointDir(), spec.kind()).toString());
        Optional<ModelRun> baseline = Optional.empty();
        if (settings.baseline() && spec.isDeepFm()) {
            baseline = Optional.of(LogisticBaseline.train(spark.get(), settings, trainer, spec.asLogisticRegression()));
        }
        StringBuilder note = new StringBuilder();
        Optional<Double> bayes = Optional.empty();
        if (settings.truth() != null && !settings.truth().isEmpty()) {
            bayes = TruthTable.probabilities(settings.truth(), settings.keyColumn(), main.testKeys(),
                    main.testLabels().length == 0 ? 0 : (int) main.test().rows(), conf, note)
                    .map(p -> RankAuc.auc(p, main.testLabels(), (int) main.test().rows(), "test split (true probabilities)"));
        } else {
            note.append("train.truth not set");
        }
        if (bayes.isEmpty()) {
            LOG.info("train: Bayes-optimal AUC skipped: {}", note);
        }

        Path output = new Path(outputDir);
        HadoopFiles.write(new Path(output, MODEL_FILE), conf, out -> ModelStore.saveModel(main.best(), out));
        baseline.ifPresent(lr -> HadoopFiles.write(new Path(output, BASELINE_FILE), conf,
                out -> ModelStore.saveModel(lr.best(), out)));
        List<ModelRun> runs = new ArrayList<>(List.of(main));
        baseline.ifPresent(runs::add);
        boolean reliable = main.test().aucReliable(settings.minAucPositives());
        ObjectNode json = metricsJson(settings, backend, runs, bayes, note.toString());
        json.put("test_auc_reliable", reliable);
        json.put("min_auc_positives", settings.minAucPositives());
        HadoopFiles.writeString(new Path(output, METRICS_FILE), conf, json.toPrettyString());
        HadoopFiles.write(new Path(output, CURVE_FILE), conf, out -> TrainingCurve.writePng(runs, out));

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("model", main.kind());
        metrics.put("backend", backend.describe());
        metrics.put("test_auc", main.test().auc());
        metrics.put("test_logloss", main.test().logloss());
        metrics.put("test_positives", main.test().positives());
        metrics.put("test_auc_ci95", 1.96 * main.test().aucStandardError());
        metrics.put("test_auc_reliable", reliable);
        metrics.put("best_epoch", main.bestEpoch());
        metrics.put("best_step", main.bestStep());
        metrics.put("samples_per_s", main.meanSamplesPerSecond());
        baseline.ifPresent(lr -> {
            metrics.put("baseline_lr_test_auc", lr.test().auc());
            metrics.put("baseline_lr_test_logloss", lr.test().logloss());
        });
        bayes.ifPresent(auc -> metrics.put("bayes_optimal_test_auc", auc));
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%s test AUC %s logloss %.4f (best epoch %d, %.0f samples/s)",
                main.kind(), main.test().describeAuc(), main.test().logloss(), main.bestEpoch(), main.meanSamplesPerSecond()));
        baseline.ifPresent(lr -> summary.append(String.format(Locale.ROOT, "; LR baseline AUC %.4f (DeepFM %+.4f)",
                lr.test().auc(), main.test().auc() - lr.test().auc())));
        summary.append(bayes.map(auc -> String.format(Locale.ROOT, "; Bayes-optimal AUC %.4f (gap %.4f)", auc, auc - main.test().auc()))
                .orElse("; Bayes-optimal AUC n/a (" + note + ")"));
        if (!reliable) {
            String warning = String.format(Locale.ROOT, "the test split has %d positive and %d negative rows, fewer than "
                    + "train.min-auc-positives=%d: its AUCs are too noisy to rank models", main.test().positives(),
                    main.test().negatives(), settings.minAucPositives());
            LOG.warn("train: {}", warning);
            summary.append("; UNRELIABLE: ").append(warning);
        }
        return new Report(summary.toString(), metrics, main, baseline, bayes);
    }

    private static ObjectNode metricsJson(TrainSettings settings, Backends.BackendInfo backend, List<ModelRun> runs,
            Optional<Double> bayes, String bayesNote) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("backend", backend.describe());
        root.put("input", settings.input());
        for (ModelRun run : runs) {
            ObjectNode node = root.putObject(run.kind());
            node.put("best_epoch", run.bestEpoch());
            node.put("best_step", run.bestStep());
            node.put("early_stopped", run.earlyStopped());
            node.put("test_auc", run.test().auc());
            node.put("test_logloss", run.test().logloss());
            node.put("test_rows", run.test().rows());
            node.put("test_positives", run.test().positives());
            node.put("test_auc_se", run.test().aucStandardError());
            node.put("samples_per_s", run.meanSamplesPerSecond());
            ArrayNode epochs = node.putArray("epochs");
            for (EpochRecord r : run.history()) {
                epochs.addObject().put("epoch", r.epoch()).put("learning_rate", r.learningRate())
                        .put("train_loss", r.trainLoss()).put("train_rows", r.trainRows())
                        .put("samples_per_s", r.samplesPerSecond()).put("val_auc", r.valAuc())
                        .put("val_logloss", r.valLogloss());
            }
            ArrayNode evaluations = node.putArray("evaluations");
            for (Evaluation e : run.evaluations()) {
                evaluations.addObject().put("epoch", e.epoch()).put("step", e.step()).put("epoch_position", e.epochPosition())
                        .put("val_auc", e.val().auc()).put("val_logloss", e.val().logloss())
                        .put("val_rows", e.val().rows()).put("val_positives", e.val().positives());
            }
        }
        if (runs.size() > 1) {
            root.put("deepfm_minus_lr_test_auc", runs.get(0).test().auc() - runs.get(1).test().auc());
        }
        if (bayes.isPresent()) {
            root.put("bayes_optimal_test_auc", bayes.get());
        } else {
            root.put("bayes_optimal_test_auc_skipped", bayesNote);
        }
        return root;
    }
}

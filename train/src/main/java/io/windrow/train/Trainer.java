package io.windrow.train;

import io.windrow.train.data.Batch;
import io.windrow.train.data.BatchStream;
import io.windrow.train.data.SplitReader;
import io.windrow.train.data.TrainMetadata;
import io.windrow.train.eval.Evaluator;
import io.windrow.train.eval.SplitMetrics;
import io.windrow.train.model.AdamOptimizer;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.Gradients;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Trains one model on the preprocessed splits: epochs of shuffled mini-batches with Adam and a
 * per-epoch learning-rate decay, validation (exact AUC, logloss) after every epoch and, with
 * {@code eval-every-steps}, every N steps too, early stopping with patience counted in validations,
 * and a checkpoint after every epoch ({@code last/}: model, optimizer, state; {@code best/}: the
 * best model so far). With {@code resume} it continues from {@code last/}; since shuffling and
 * dropout are seeded per epoch and validation draws no random numbers, a resumed run (even one
 * killed mid-epoch, which replays that epoch) ends where an uninterrupted one does.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a long epoch logs a progress line. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final TrainSettings settings;
    private final TrainMetadata metadata;
    private final Configuration conf;
    private final List<org.apache.hadoop.fs.Path> trainFiles;
    private final List<org.apache.hadoop.fs.Path> valFiles;
    private final List<org.apache.hadoop.fs.Path> testFiles;

    public Trainer(TrainSettings settings, Configuration conf) {
        this.settings = requireNonNull(settings, "settings");
        this.conf = requireNonNull(conf, "conf");
        this.metadata = TrainMetadata.read(settings.input(), conf);
        this.trainFiles = SplitReader.files(new Path(settings.input(), "train").toString(), conf);
        this.valFiles = SplitReader.files(new Path(settings.input(), "val").toString(), conf);
        this.testFiles = SplitReader.files(new Path(settings.input(), "test").toString(), conf);
    }

    public TrainMetadata metadata() {
        return metadata;
    }

    /** The model the settings describe ({@code deepfm} or {@code lr}). */
    public ModelSpec spec() {
        ModelSpec deepFm = new ModelSpec(ModelSpec.DEEPFM, metadata.fieldNames(), metadata.total(),
                settings.embeddingDim(), settings.hidden(), settings.activation(), settings.dropout(),
                settings.batchNorm(), settings.embeddingInitStd(), DataType.FLOAT);
        return settings.model().equals(ModelSpec.LR) ? deepFm.asLogisticRegression() : deepFm;
    }

    /** Whether the test split carries the key column (to join true probabilities). */
    public boolean testHasKey() {
        return settings.keyColumn() != null && !settings.keyColumn().isEmpty()
                && SplitReader.hasColumn(testFiles, settings.keyColumn(), conf);
    }

    /** Trains {@code spec}, checkpointing under {@code checkpointDir}, and evaluates the best model on test. */
    public ModelRun train(ModelSpec spec, String checkpointDir) {
        Path checkpoints = new Path(checkpointDir);
        Path last = new Path(checkpoints, "last");
        Path best = new Path(checkpoints, "best");
        HadoopFiles.recoverFolder(last, conf);
        HadoopFiles.recoverFolder(best, conf);
        DeepFmModel model = DeepFmModel.initialize(spec, settings.seed());
        AdamOptimizer optimizer = new AdamOptimizer(model);
        State state = new State();
        if (settings.resume() && HadoopFiles.exists(new Path(last, "state.json"), conf)) {
            model = HadoopFiles.read(new Path(last, "model.bin"), conf, in -> ModelStore.loadModel(in, last + "/model.bin"));
            requireSameShape(spec, model.spec(), last);
            optimizer = new AdamOptimizer(model);
            AdamOptimizer target = optimizer;
            HadoopFiles.read(new Path(last, "optimizer.bin"), conf, in -> {
                ModelStore.loadOptimizer(target, in, last + "/optimizer.bin");
                return null;
            });
            state = HadoopFiles.read(new Path(last, "state.json"), conf, in -> State.fromJson(JSON.readTree(in)));
            LOG.info("{}: resuming from {} after epoch {}", spec.kind(), last, state.nextEpoch);
        } else if (settings.resume()) {
            LOG.info("{}: no checkpoint at {}; starting from scratch", spec.kind(), last);
        }
        long epochRows = rowCount(trainFiles);
        long stepsPerEpoch = Math.max(1, (epochRows + settings.batchSize() - 1) / settings.batchSize());
        for (int epoch = state.nextEpoch; epoch < settings.epochs() && !state.stopped; epoch++) {
            double learningRate = settings.learningRate(epoch);
            Nd4j.getRandom().setSeed(settings.seed() * 1_000_003L + epoch);
            long start = System.nanoTime();
            double lossSum = 0;
            long rows = 0;
            int step = 0;
            long evalNanos = 0;
            EpochProgress progress = new EpochProgress(spec.kind(), epoch + 1, settings.epochs(), epochRows,
                    settings.batchSize(), PROGRESS_INTERVAL, start);
            try (BatchStream batches = BatchStream.open(new BatchStream.Options(metadata, trainFiles, conf,
                    settings.batchSize(), Math.max(settings.shuffleBuffer(), 1), settings.seed() * 31 + epoch,
                    settings.prefetch(), null))) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    Gradients gradients = model.lossAndGradients(batch, true);
                    step++;
                    if (!Double.isFinite(gradients.loss())) {
                        throw new TrainingDivergedException(spec.kind() + " loss is " + gradients.loss() + " at epoch "
                                + (epoch + 1) + " step " + step + " (global step " + (optimizer.step() + 1)
                                + "); last good checkpoint: " + (state.nextEpoch > 0 ? last + " (after epoch "
                                + state.nextEpoch + ")" : "none (failed in the first epoch)")
                                + "; lower train.learning-rate or check the inputs");
                    }
                    optimizer.apply(gradients, learningRate);
                    lossSum += gradients.loss() * batch.size();
                    rows += batch.size();
                    String line = progress.after(step, rows, System.nanoTime());
                    if (line != null) {
                        LOG.info(line);
                    }
                    if (settings.evalEverySteps() > 0 && optimizer.step() % settings.evalEverySteps() == 0) {
                        long evalStart = System.nanoTime();
                        validate(spec, model, state, best, epoch, optimizer.step(), epoch + (double) step / stepsPerEpoch);
                        evalNanos += System.nanoTime() - evalStart;
                        if (state.stopped) {
                            break;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start - evalNanos) / 1e9;
            if (state.evaluations.isEmpty() || state.evaluations.get(state.evaluations.size() - 1).step() != optimizer.step()) {
                validate(spec, model, state, best, epoch, optimizer.step(), epoch + 1);
            }
            SplitMetrics val = state.evaluations.get(state.evaluations.size() - 1).val();
            EpochRecord record = new EpochRecord(epoch + 1, learningRate, lossSum / rows, rows, rows / seconds,
                    val.auc(), val.logloss());
            state.history.add(record);
            LOG.info("{} epoch {}: lr {} train loss {} val AUC {} logloss {} ({} samples/s)", spec.kind(), epoch + 1,
                    learningRate, String.format("%.5f", record.trainLoss()), String.format("%.5f", val.auc()),
                    String.format("%.5f", val.logloss()), Math.round(record.samplesPerSecond()));
            state.nextEpoch = epoch + 1;
            saveCheckpoint(last, model, optimizer, state);
        }
        DeepFmModel bestModel = HadoopFiles.read(new Path(best, "model.bin"), conf,
                in -> ModelStore.loadModel(in, best + "/model.bin"));
        Evaluator.Scored test = test(bestModel);
        LOG.info("{}: best epoch {} (step {}), test AUC {} logloss {}", spec.kind(), state.bestEpoch, state.bestStep,
                test.metrics().describeAuc(), String.format("%.5f", test.metrics().logloss()));
        return new ModelRun(spec.kind(), bestModel, List.copyOf(state.history), List.copyOf(state.evaluations),
                state.bestEpoch, state.bestStep, test.metrics(), test.logits(), test.labels(), test.keys(), state.stopped);
    }

    /**
     * Validates the current model, keeps it in {@code best} when the early-stopping score improves,
     * and sets {@code state.stopped} after {@code patience} validations without improvement.
     */
    private void validate(ModelSpec spec, DeepFmModel model, State state, Path best, int epoch, long step,
            double epochPosition) {
        SplitMetrics val = validate(model);
        if (state.evaluations.isEmpty() && !val.aucReliable(settings.minAucPositives())) {
            LOG.warn("{}: the val split has {} positive and {} negative rows, fewer than train.min-auc-positives={}: "
                    + "its AUC {} is mostly noise, and so is early stopping on it", spec.kind(), val.positives(),
                    val.negatives(), settings.minAucPositives(), val.describeAuc());
        }
        state.evaluations.add(new Evaluation(epoch + 1, step, epochPosition, val));
        if (settings.evalEverySteps() > 0) {
            LOG.info("{} step {} ({} epochs): val AUC {} logloss {}", spec.kind(), step, String.format("%.2f", epochPosition),
                    String.format("%.5f", val.auc()), String.format("%.5f", val.logloss()));
        }
        double score = val.score(settings.earlyStoppingMetric());
        if (state.bestEpoch < 0 || score > state.bestScore + settings.minDelta()) {
            state.bestScore = score;
            state.bestEpoch = epoch + 1;
            state.bestStep = step;
            state.badEvaluations = 0;
            HadoopFiles.replaceFolder(best, conf, dir -> HadoopFiles.write(new Path(dir, "model.bin"), conf,
                    out -> ModelStore.saveModel(model, out)));
        } else {
            state.badEvaluations++;
            if (state.badEvaluations >= settings.patience()) {
                state.stopped = true;
                LOG.info("{}: early stop at epoch {} step {} (best: epoch {} step {})", spec.kind(), epoch + 1, step,
                        state.bestEpoch, state.bestStep);
            }
        }
    }

    /** Rows of a split from its parquet footers (for progress totals; nothing is read). */
    private long rowCount(List<Path> files) {
        long rows = 0;
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
                rows += reader.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the footer of " + file, e);
            }
        }
        return rows;
    }

    /** The val metrics of a model, computed as during training. */
    public SplitMetrics validate(DeepFmModel model) {
        return Evaluator.evaluate(model, evalOptions(valFiles, null), "val split of " + settings.input()).metrics();
    }

    /** A model's scores and metrics on the test split (with keys when the split has the key column). */
    public Evaluator.Scored test(DeepFmModel model) {
        return Evaluator.evaluate(model, evalOptions(testFiles, testHasKey() ? settings.keyColumn() : null),
                "test split of " + settings.input());
    }

    private BatchStream.Options evalOptions(List<Path> files, String keyColumn) {
        return new BatchStream.Options(metadata, files, conf, settings.evalBatchSize(), 0, 0, settings.prefetch(), keyColumn);
    }

    private void saveCheckpoint(Path last, DeepFmModel model, AdamOptimizer optimizer, State state) {
        HadoopFiles.replaceFolder(last, conf, dir -> {
            HadoopFiles.write(new Path(dir, "model.bin"), conf, out -> ModelStore.saveModel(model, out));
            HadoopFiles.write(new Path(dir, "optimizer.bin"), conf, out -> ModelStore.saveOptimizer(optimizer, out));
            HadoopFiles.writeString(new Path(dir, "state.json"), conf, state.toJson().toPrettyString());
        });
    }

    private static void requireSameShape(ModelSpec wanted, ModelSpec saved, Path where) {
        if (!wanted.equals(saved)) {
            throw new IllegalArgumentException("checkpoint " + where + " holds a different model (" + saved
                    + ") than the settings describe (" + wanted + "); delete it or set train.resume=false");
        }
    }

    /** Training progress saved with each checkpoint. */
    private static final class State {
        int nextEpoch;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        long bestStep = -1;
        int badEvaluations;
        boolean stopped;
        final List<EpochRecord> history = new ArrayList<>();
        final List<Evaluation> evaluations = new ArrayList<>();

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("nextEpoch", nextEpoch).put("bestScore", bestScore).put("bestEpoch", bestEpoch)
                    .put("bestStep", bestStep).put("badEvaluations", badEvaluations).put("stopped", stopped);
            ArrayNode epochs = node.putArray("history");
            for (EpochRecord r : history) {
                epochs.addObject().put("epoch", r.epoch()).put("learningRate", r.learningRate())
                        .put("trainLoss", r.trainLoss()).put("trainRows", r.trainRows())
                        .put("samplesPerSecond", r.samplesPerSecond()).put("valAuc", r.valAuc())
                        .put("valLogloss", r.valLogloss());
            }
            ArrayNode validations = node.putArray("evaluations");
            for (Evaluation e : evaluations) {
                validations.addObject().put("epoch", e.epoch()).put("step", e.step()).put("epochPosition", e.epochPosition())
                        .put("auc", e.val().auc()).put("aucStandardError", e.val().aucStandardError())
                        .put("logloss", e.val().logloss()).put("rows", e.val().rows())
                        .put("positives", e.val().positives());
            }
            return node;
        }

        static State fromJson(JsonNode node) {
            if (!node.has("evaluations")) {
                throw new IllegalArgumentException("checkpoint state.json was written by an older trainer (no evaluations); "
                        + "delete the checkpoint folder or set train.resume=false");
            }
            State state = new State();
            state.nextEpoch = node.get("nextEpoch").asInt();
            state.bestScore = node.get("bestScore").asDouble();
            state.bestEpoch = node.get("bestEpoch").asInt();
            state.bestStep = node.get("bestStep").asLong();
            state.badEvaluations = node.get("badEvaluations").asInt();
            state.stopped = node.get("stopped").asBoolean();
            for (JsonNode r : node.get("history")) {
                state.history.add(new EpochRecord(r.get("epoch").asInt(), r.get("learningRate").asDouble(),
                        r.get("trainLoss").asDouble(), r.get("trainRows").asLong(), r.get("samplesPerSecond").asDouble(),
                        r.get("valAuc").asDouble(), r.get("valLogloss").asDouble()));
            }
            for (JsonNode e : node.get("evaluations")) {
                state.evaluations.add(new Evaluation(e.get("epoch").asInt(), e.get("step").asLong(),
                        e.get("epochPosition").asDouble(), new SplitMetrics(e.get("auc").asDouble(),
                        e.get("aucStandardError").asDouble(), e.get("logloss").asDouble(), e.get("rows").asLong(), e.get("positives").asLong())));
            }
            return state;
        }
    }
}

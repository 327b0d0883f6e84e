package io.windrow.train;

import com.typesafe.config.Config;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The trainer's settings, read from the {@code train} config section (reference.conf documents
 * every key). Paths are Hadoop URIs or local paths.
 */
public record TrainSettings(
        String input,
        String model,
        int embeddingDim,
        List<Integer> hidden,
        String activation,
        double dropout,
        boolean batchNorm,
        double embeddingInitStd,
        int batchSize,
        int evalBatchSize,
        int epochs,
        double learningRate,
        double learningRateDecay,
        double minLearningRate,
        long seed,
        int shuffleBuffer,
        int prefetch,
        String earlyStoppingMetric,
        int patience,
        double minDelta,
        String checkpointDir,
        boolean resume,
        boolean baseline,
        String truth,
        String keyColumn,
        String backend,
        boolean backendFallback,
        List<Double> baselineRegParams,
        int evalEverySteps,
        int minAucPositives) {

    public TrainSettings {
        requireNonNull(input, "input");
        hidden = List.copyOf(hidden);
        baselineRegParams = List.copyOf(baselineRegParams);
        if (baselineRegParams.isEmpty() || baselineRegParams.stream().anyMatch(r -> !(r >= 0))) {
            throw new IllegalArgumentException("train.baseline-reg-params must be a non-empty list of numbers >= 0, got "
                    + baselineRegParams);
        }
        if (epochs <= 0 || batchSize <= 0 || evalBatchSize <= 0) {
            throw new IllegalArgumentException("train.epochs, train.batch-size and train.eval-batch-size must be positive");
        }
        if (!(learningRate > 0) || !(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("train.learning-rate must be > 0 and train.learning-rate-decay in (0, 1]");
        }
        if (!List.of("auc", "logloss", "auc-logloss").contains(earlyStoppingMetric)) {
            throw new IllegalArgumentException("train.early-stopping.metric must be auc, logloss or auc-logloss, got '"
                    + earlyStoppingMetric + "'");
        }
        if (evalEverySteps < 0 || minAucPositives < 0) {
            throw new IllegalArgumentException("train.eval-every-steps and train.min-auc-positives must be >= 0, got "
                    + evalEverySteps + " and " + minAucPositives);
        }
        if (!List.of("cpu", "cuda", "auto").contains(backend)) {
            throw new IllegalArgumentException("train.backend must be cpu, cuda or auto, got '" + backend + "'");
        }
    }

    public static TrainSettings fromConfig(Config train) {
        return new TrainSettings(
                train.getString("input"),
                train.getString("model"),
                train.getInt("embedding-dim"),
                train.getIntList("dnn.hidden"),
                train.getString("dnn.activation"),
                train.getDouble("dnn.dropout"),
                train.getBoolean("dnn.batch-norm"),
                train.getDouble("embedding-init-std"),
                train.getInt("batch-size"),
                train.getInt("eval-batch-size"),
                train.getInt("epochs"),
                train.getDouble("learning-rate"),
                train.getDouble("learning-rate-decay"),
                train.getDouble("min-learning-rate"),
                train.getLong("seed"),
                train.getInt("shuffle-buffer"),
                train.getInt("prefetch"),
                train.getString("early-stopping.metric"),
                train.getInt("early-stopping.patience"),
                train.getDouble("early-stopping.min-delta"),
                train.getString("checkpoint-dir"),
                train.getBoolean("resume"),
                train.getBoolean("baseline"),
                train.getString("truth"),
                train.getString("key-column"),
                train.getString("backend"),
                train.getBoolean("backend-fallback"),
                train.getDoubleList("baseline-reg-params"),
                train.getInt("eval-every-steps"),
                train.getInt("min-auc-positives"));
    }

    /** The learning rate of an epoch: decayed once per epoch, floored at the minimum. */
    public double learningRate(int epoch) {
        return Math.max(learningRate * Math.pow(learningRateDecay, epoch), Math.min(minLearningRate, learningRate));
    }

    public TrainSettings withEpochs(int newEpochs) {
        return new TrainSettings(input, model, embeddingDim, hidden, activation, dropout, batchNorm, embeddingInitStd,
                batchSize, evalBatchSize, newEpochs, learningRate, learningRateDecay, minLearningRate, seed,
                shuffleBuffer, prefetch, earlyStoppingMetric, patience, minDelta, checkpointDir, resume, baseline,
                truth, keyColumn, backend, backendFallback, baselineRegParams, evalEverySteps, minAucPositives);
    }

    public TrainSettings withEvalEverySteps(int steps) {
        return new TrainSettings(input, model, embeddingDim, hidden, activation, dropout, batchNorm, embeddingInitStd,
                batchSize, evalBatchSize, epochs, learningRate, learningRateDecay, minLearningRate, seed,
                shuffleBuffer, prefetch, earlyStoppingMetric, patience, minDelta, checkpointDir, resume, baseline,
                truth, keyColumn, backend, backendFallback, baselineRegParams, steps, minAucPositives);
    }

    public TrainSettings withResume(boolean newResume) {
        return new TrainSettings(input, model, embeddingDim, hidden, activation, dropout, batchNorm, embeddingInitStd,
                batchSize, evalBatchSize, epochs, learningRate, learningRateDecay, minLearningRate, seed,
                shuffleBuffer, prefetch, earlyStoppingMetric, patience, minDelta, checkpointDir, newResume, baseline,
                truth, keyColumn, backend, backendFallback, baselineRegParams, evalEverySteps, minAucPositives);
    }
}

package io.windrow.train;

import io.windrow.train.eval.SplitMetrics;
import io.windrow.train.model.DeepFmModel;

import java.util.List;

/**
 * The result of training one model: its best weights, per-epoch history, every validation, the
 * epoch and global step of the best one, and test metrics.
 */
public record ModelRun(String kind, DeepFmModel best, List<EpochRecord> history, List<Evaluation> evaluations,
        int bestEpoch, long bestStep, SplitMetrics test, double[] testLogits, float[] testLabels, String[] testKeys,
        boolean earlyStopped) {

    public double meanSamplesPerSecond() {
        return history.stream().mapToDouble(EpochRecord::samplesPerSecond).average().orElse(0);
    }
}

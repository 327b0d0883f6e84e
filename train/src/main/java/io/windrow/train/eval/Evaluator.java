package io.windrow.train.eval;

import io.windrow.train.data.Batch;
import io.windrow.train.data.BatchStream;
import io.windrow.train.model.DeepFmModel;

import java.util.Arrays;

/**
 * Scores a whole split in file order and computes exact AUC and logloss. Keeps one double and
 * one float per row (plus the key when asked), which AUC by ranking needs anyway.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Logits, labels and (optionally) keys of every row of a split, and its metrics. */
    public record Scored(SplitMetrics metrics, double[] logits, float[] labels, String[] keys, int rows) {}

    public static Scored evaluate(DeepFmModel model, BatchStream.Options options, String what) {
        double[] logits = new double[1024];
        float[] labels = new float[1024];
        String[] keys = options.keyColumn() == null ? null : new String[1024];
        int rows = 0;
        double loss = 0;
        try (BatchStream batches = BatchStream.open(options)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                double[] batchLogits = model.logits(batch);
                if (rows + batch.size() > logits.length) {
                    int capacity = Math.max(logits.length * 2, rows + batch.size());
                    logits = Arrays.copyOf(logits, capacity);
                    labels = Arrays.copyOf(labels, capacity);
                    keys = keys == null ? null : Arrays.copyOf(keys, capacity);
                }
                for (int b = 0; b < batch.size(); b++) {
                    double z = batchLogits[b];
                    double y = batch.labels()[b];
                    loss += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
                    logits[rows + b] = z;
                    labels[rows + b] = batch.labels()[b];
                    if (keys != null && batch.keys() != null) {
                        keys[rows + b] = batch.keys()[b];
                    }
                }
                rows += batch.size();
            }
        }
        if (rows == 0) {
            throw new IllegalArgumentException(what + " has no rows");
        }
        RankAuc.Estimate auc = RankAuc.estimate(logits, labels, rows, what);
        return new Scored(new SplitMetrics(auc.auc(), auc.standardError(), loss / rows, rows, auc.positives()),
                logits, labels, keys, rows);
    }
}

package io.windrow.train;

import io.windrow.train.data.Batch;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.ModelStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Scores rows in-process with a saved model, without Spark: {@link #probability(int[])} for rows
 * already turned into ids, {@link #probability(Map)} for raw feature rows when built with an
 * encoder (the preprocess state's {@code FittedPreprocessor::encode}). For notebooks and services:
 * <pre>{@code
 * FittedPreprocessor fitted = FittedPreprocessor.load("work/preprocess");
 * DeepFmScorer scorer = DeepFmScorer.load(Path.of("work/model/model.bin")).withEncoder(fitted::encode);
 * double p = scorer.probability(Map.of("C1", "abc", "I1", 3, ...));
 * }</pre>
 * Calls are serialized (the model reuses buffers); use one scorer per thread for parallel scoring.
 */
public final class DeepFmScorer {
    private final DeepFmModel model;
    private final Function<Map<String, ?>, int[]> encoder;

    private DeepFmScorer(DeepFmModel model, Function<Map<String, ?>, int[]> encoder) {
        this.model = model;
        this.encoder = encoder;
    }

    public static DeepFmScorer load(Path modelFile) {
        try (InputStream in = Files.newInputStream(modelFile)) {
            return load(in, modelFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + modelFile, e);
        }
    }

    public static DeepFmScorer load(InputStream in, String where) throws IOException {
        return new DeepFmScorer(ModelStore.loadModel(in, where), null);
    }

    public static DeepFmScorer of(DeepFmModel model) {
        return new DeepFmScorer(requireNonNull(model, "model"), null);
    }

    /** The same model with a raw-row encoder, e.g. {@code fitted::encode}. */
    public DeepFmScorer withEncoder(Function<Map<String, ?>, int[]> rowEncoder) {
        return new DeepFmScorer(model, requireNonNull(rowEncoder, "rowEncoder"));
    }

    public ModelSpec spec() {
        return model.spec();
    }

    /** Input columns in the order the ids are expected. */
    public List<String> fields() {
        return model.spec().fields();
    }

    /** P(label = 1) of one row of global ids, one per field. */
    public double probability(int[] ids) {
        return probabilities(ids, 1)[0];
    }

    /** P(label = 1) of {@code rows} rows of ids laid out row after row. */
    public synchronized double[] probabilities(int[] ids, int rows) {
        int fields = model.spec().fields().size();
        if (ids.length != rows * fields) {
            throw new IllegalArgumentException("expected " + rows + " x " + fields + " ids (fields " + fields()
                    + "), got " + ids.length);
        }
        double[] logits = model.logits(new Batch(rows, fields, ids, new float[rows]));
        for (int i = 0; i < rows; i++) {
            logits[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        return logits;
    }

    /** P(label = 1) of one raw feature row (column name -> value); needs {@link #withEncoder}. */
    public double probability(Map<String, ?> row) {
        if (encoder == null) {
            throw new IllegalStateException("no encoder: build the scorer with withEncoder(fittedPreprocessor::encode)");
        }
        return probability(encoder.apply(row));
    }
}

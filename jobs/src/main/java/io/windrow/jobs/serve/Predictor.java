package io.windrow.jobs.serve;

import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.sql.request.RequestEngine;
import io.windrow.train.DeepFmScorer;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import static java.util.Objects.requireNonNull;

/**
 * Scores one request row the way the {@code score} stage scores a row of the features table: the
 * request engine computes the feature row, the fitted preprocessing turns it into ids
 * ({@link FittedPreprocessor#encode}, which gives the ids of the MLlib pipeline {@code score}
 * applies) and the model's forward pass gives the probability. A model copy scores one row at a
 * time ({@link DeepFmScorer} reuses its buffers), so a pool of copies lets requests score in
 * parallel. Built only when the preprocess state and the model fit the SQL's feature columns.
 */
final class Predictor {
    private final RequestEngine engine;
    private final FittedPreprocessor fitted;
    private final StructType outputSchema;
    private final BlockingQueue<DeepFmScorer> scorers;

    /** The result of one request: its feature row (in the engine's output order) and probability. */
    record Prediction(Object[] features, double probability) {
    }

    /**
     * @param modelBytes the train stage's model file, loaded once per copy
     * @throws IllegalArgumentException naming the mismatch, when the model was not trained on the
     *     preprocess state's fields or the preprocess state reads a column the SQL does not produce
     *     (or produces with another type)
     */
    Predictor(RequestEngine engine, FittedPreprocessor fitted, byte[] modelBytes, String modelName, int copies) {
        this.engine = requireNonNull(engine, "engine");
        this.fitted = requireNonNull(fitted, "fitted");
        requireNonNull(modelBytes, "modelBytes");
        if (copies < 1) {
            throw new IllegalArgumentException("model copies must be at least 1, got " + copies);
        }
        this.outputSchema = engine.outputSchema();
        try {
            fitted.checkSchema(outputSchema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the preprocess state does not fit the SQL's feature columns: "
                    + e.getMessage(), e);
        }
        scorers = new ArrayBlockingQueue<>(copies);
        for (int i = 0; i < copies; i++) {
            DeepFmScorer scorer;
            try {
                scorer = DeepFmScorer.load(new ByteArrayInputStream(modelBytes), modelName);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + modelName, e);
            }
            if (!fitted.outputColumns().equals(scorer.fields())) {
                throw new IllegalArgumentException("model " + modelName + " was trained on fields " + scorer.fields()
                        + " but the preprocess state produces " + fitted.outputColumns());
            }
            scorers.add(scorer);
        }
    }

    RequestEngine engine() {
        return engine;
    }

    StructType outputSchema() {
        return outputSchema;
    }

    List<String> fields() {
        return fitted.outputColumns();
    }

    /**
     * The prediction for one request row of the main table (columns in its DDL order).
     *
     * @throws IllegalArgumentException naming the column, for a row the engine refuses
     */
    Prediction predict(Object[] request) throws InterruptedException {
        Object[] features = engine.compute(request);
        int[] ids = fitted.encode(RowCodec.byName(outputSchema, features));
        DeepFmScorer scorer = scorers.take();
        try {
            return new Prediction(features, scorer.probability(ids));
        } finally {
            scorers.add(scorer);
        }
    }
}

package io.windrow.jobs.score;

import io.windrow.train.DeepFmScorer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scores one partition of preprocessed rows in batches: reads the id columns in the model's field
 * order, emits the key columns and the probability. The model is loaded once per executor JVM.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final java.util.Map<Long, DeepFmScorer> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private final Broadcast<byte[]> model;
    private final String modelName;
    private final List<String> keys;
    private final List<String> fields;
    private final int batchSize;

    ScorePartition(Broadcast<byte[]> model, String modelName, List<String> keys, List<String> fields, int batchSize) {
        this.model = model;
        this.modelName = modelName;
        this.keys = List.copyOf(keys);
        this.fields = List.copyOf(fields);
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        DeepFmScorer scorer = LOADED.computeIfAbsent(model.id(), id -> {
            try {
                return DeepFmScorer.load(new ByteArrayInputStream(model.value()), modelName);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int position;

            @Override
            public boolean hasNext() {
                if (position < ready.size()) {
                    return true;
                }
                ready.clear();
                position = 0;
                List<Row> chunk = new ArrayList<>();
                while (chunk.size() < batchSize && rows.hasNext()) {
                    chunk.add(rows.next());
                }
                if (chunk.isEmpty()) {
                    return false;
                }
                int[] ids = new int[chunk.size() * fields.size()];
                for (int r = 0; r < chunk.size(); r++) {
                    Row row = chunk.get(r);
                    for (int f = 0; f < fields.size(); f++) {
                        ids[r * fields.size() + f] = row.getInt(row.fieldIndex(fields.get(f)));
                    }
                }
                double[] probabilities = scorer.probabilities(ids, chunk.size());
                for (int r = 0; r < chunk.size(); r++) {
                    Object[] values = new Object[keys.size() + 1];
                    for (int k = 0; k < keys.size(); k++) {
                        values[k] = chunk.get(r).get(chunk.get(r).fieldIndex(keys.get(k)));
                    }
                    values[keys.size()] = probabilities[r];
                    ready.add(RowFactory.create(values));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(position++);
            }
        };
    }
}

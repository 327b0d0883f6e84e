package io.windrow.train.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One pass over a split as batches, read by a background thread that stays up to
 * {@code prefetch} batches ahead. With a shuffle buffer the file order is permuted and rows pass
 * through a buffer of {@code shuffleBuffer} rows from which a uniformly random one leaves as each
 * new one arrives (bounded-memory shuffle, seeded: the same seed gives the same order). Memory is
 * bounded by the buffer and {@code prefetch + 1} batches, not the split size.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private volatile boolean closed;
    private Object next;

    private BatchStream(Options options) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, options.prefetch));
        this.producer = new Thread(() -> produce(options), "windrow-batches");
        this.producer.setDaemon(true);
        this.producer.start();
    }

    /** How to read one pass. {@code shuffleBuffer} 0 keeps file order (evaluation). */
    public record Options(TrainMetadata metadata, List<Path> files, Configuration conf, int batchSize,
            int shuffleBuffer, long seed, int prefetch, String keyColumn) {
        public Options {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
        }
    }

    public static BatchStream open(Options options) {
        return new BatchStream(options);
    }

    private void produce(Options options) {
        Object last = END;
        int fields = options.metadata.fields().size();
        List<Path> files = new ArrayList<>(options.files);
        Random random = new Random(options.seed);
        if (options.shuffleBuffer > 0) {
            Collections.shuffle(files, random);
        }
        boolean withKeys = options.keyColumn != null;
        try (SplitReader reader = new SplitReader(options.metadata, files, options.conf, options.keyColumn)) {
            int capacity = Math.max(1, options.shuffleBuffer);
            int[] bufferIds = new int[capacity * fields];
            float[] bufferLabels = new float[capacity];
            String[] bufferKeys = withKeys ? new String[capacity] : null;
            BatchBuilder builder = new BatchBuilder(options.batchSize, fields, withKeys);
            int filled = 0;
            if (options.shuffleBuffer > 0) {
                while (filled < capacity && reader.next(bufferIds, filled * fields, bufferLabels, filled, bufferKeys)) {
                    filled++;
                }
                // Steady state: a random buffered row leaves, the next row of the split takes its place.
                int[] rowIds = new int[fields];
                float[] rowLabel = new float[1];
                String[] rowKey = withKeys ? new String[1] : null;
                while (filled == capacity && reader.next(rowIds, 0, rowLabel, 0, rowKey)) {
                    int slot = random.nextInt(capacity);
                    emit(builder.add(bufferIds, slot * fields, bufferLabels[slot], withKeys ? bufferKeys[slot] : null));
                    System.arraycopy(rowIds, 0, bufferIds, slot * fields, fields);
                    bufferLabels[slot] = rowLabel[0];
                    if (withKeys) {
                        bufferKeys[slot] = rowKey[0];
                    }
                }
                while (filled > 0) {
                    int slot = random.nextInt(filled);
                    emit(builder.add(bufferIds, slot * fields, bufferLabels[slot], withKeys ? bufferKeys[slot] : null));
                    filled--;
                    System.arraycopy(bufferIds, filled * fields, bufferIds, slot * fields, fields);
                    bufferLabels[slot] = bufferLabels[filled];
                    if (withKeys) {
                        bufferKeys[slot] = bufferKeys[filled];
                    }
                }
            } else {
                while (reader.next(bufferIds, 0, bufferLabels, 0, bufferKeys)) {
                    emit(builder.add(bufferIds, 0, bufferLabels[0], withKeys ? bufferKeys[0] : null));
                }
            }
            emit(builder.flush());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable e) {
            last = e;
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void emit(Batch batch) throws InterruptedException {
        if (batch != null) {
            if (closed) {
                throw new InterruptedException();
            }
            queue.put(batch);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading batches", e);
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Throwable e) {
                throw new IllegalStateException("reading batches failed: " + e.getMessage(), e);
            }
        }
        return next != END;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch batch = (Batch) next;
        next = null;
        return batch;
    }

    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        queue.clear();
    }

    /** Collects rows into batches of a fixed size; each batch gets fresh arrays (the consumer keeps them). */
    private static final class BatchBuilder {
        private final int batchSize;
        private final int fields;
        private final boolean withKeys;
        private int[] ids;
        private float[] labels;
        private String[] keys;
        private int size;

        BatchBuilder(int batchSize, int fields, boolean withKeys) {
            this.batchSize = batchSize;
            this.fields = fields;
            this.withKeys = withKeys;
            reset();
        }

        Batch add(int[] sourceIds, int offset, float label, String key) {
            System.arraycopy(sourceIds, offset, ids, size * fields, fields);
            labels[size] = label;
            if (withKeys) {
                keys[size] = key;
            }
            size++;
            return size == batchSize ? flush() : null;
        }

        Batch flush() {
            if (size == 0) {
                return null;
            }
            Batch batch = new Batch(size, fields, ids, labels, keys);
            reset();
            return batch;
        }

        private void reset() {
            ids = new int[batchSize * fields];
            labels = new float[batchSize];
            keys = withKeys ? new String[batchSize] : null;
            size = 0;
        }
    }

}

package io.windrow.train.model;

/**
 * The sparse part of one step's gradients: the distinct ids the batch touched and, per id, the
 * gradient of its embedding row and first-order weight. Dense DNN gradients live in the layers'
 * {@link Param}s. Buffers are reused from step to step; only the first {@code count} ids count.
 */
public final class Gradients {
    double loss;
    int count;
    int[] ids = new int[0];
    float[] embedding = new float[0];
    float[] linear = new float[0];
    double bias;

    public double loss() {
        return loss;
    }

    public int count() {
        return count;
    }

    public int id(int slot) {
        return ids[slot];
    }

    public float embedding(int slot, int k, int dim) {
        return embedding[slot * dim + k];
    }

    public float linear(int slot) {
        return linear[slot];
    }

    public double bias() {
        return bias;
    }

    void ensureCapacity(int slots, int dim) {
        if (ids.length < slots) {
            ids = new int[slots];
            linear = new float[slots];
        }
        if (embedding.length < slots * dim) {
            embedding = new float[slots * dim];
        }
    }
}

package io.windrow.train.model;

import io.windrow.train.data.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.util.Objects.requireNonNull;

/**
 * DeepFM (Guo et al. 2017) over one shared embedding table indexed by global ids:
 * {@code logit = bias + sum_f w[id_f] + 0.5 * sum_k((sum_f v_fk)^2 - sum_f v_fk^2) + DNN(concat v_f)}.
 * The logistic-regression baseline is the same model without the embedding terms.
 *
 * <p>The embedding and first-order tables are plain Java arrays so that a step reads and updates
 * only the rows its batch touches (DL4J's embedding layers produce a dense table-sized gradient
 * every step); the DNN runs on ND4J. Loss is binary cross-entropy on logits, averaged over the batch.
 */
public final class DeepFmModel {
    private final ModelSpec spec;
    private final int fields;
    private final int dim;
    final float[] embedding;
    final float[] linear;
    final float[] bias = new float[1];
    private final Mlp dnn;
    private final Gradients gradients = new Gradients();
    private int[] slotOfId;

    private DeepFmModel(ModelSpec spec, float[] embedding, float[] linear, Mlp dnn) {
        this.spec = spec;
        this.fields = spec.fields().size();
        this.dim = spec.embeddingDim();
        this.embedding = embedding;
        this.linear = linear;
        this.dnn = dnn;
    }

    /** A freshly initialized model; the same spec and seed give the same weights. */
    public static DeepFmModel initialize(ModelSpec spec, long seed) {
        return create(spec, seed, true);
    }

    private static DeepFmModel create(ModelSpec spec, long seed, boolean randomTables) {
        requireNonNull(spec, "spec");
        Random random = new Random(seed);
        int dim = spec.embeddingDim();
        float[] embedding = new float[Math.multiplyExact(spec.total(), dim)];
        float[] linear = new float[spec.total()];
        if (randomTables) {
            for (int i = 0; i < embedding.length; i++) {
                embedding[i] = (float) (random.nextGaussian() * spec.embeddingStd());
            }
            for (int i = 0; i < linear.length; i++) {
                linear[i] = (float) (random.nextGaussian() * spec.embeddingStd());
            }
        }
        Mlp dnn = null;
        if (spec.isDeepFm()) {
            Nd4j.getRandom().setSeed(seed);
            dnn = Mlp.build(spec.fields().size() * dim, spec.hidden(), spec.activation(), spec.dropout(),
                    spec.batchNorm(), spec.dataType());
        }
        return new DeepFmModel(spec, embedding, linear, dnn);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Logits of a batch at inference (dropout off, batch norm on running statistics). */
    public double[] logits(Batch batch) {
        return forward(batch, false).logits;
    }

    /**
     * Forward and backward pass of one training batch; returns the mean loss and the sparse
     * gradients (dense ones are in {@link #params()}). {@code training=false} gives the gradients of
     * the inference-mode function (used by the gradient check).
     */
    public Gradients lossAndGradients(Batch batch, boolean training) {
        Forward forward = forward(batch, training);
        int rows = batch.size();
        double[] logitGradient = new double[rows];
        double loss = 0;
        for (int b = 0; b < rows; b++) {
            double z = forward.logits[b];
            double y = batch.labels()[b];
            loss += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
            logitGradient[b] = (sigmoid(z) - y) / rows;
        }
        Gradients g = gradients;
        g.loss = loss / rows;
        g.ensureCapacity(rows * fields, dim);
        if (slotOfId == null) {
            slotOfId = new int[spec.total()];
            Arrays.fill(slotOfId, -1);
        }
        int count = 0;
        double biasGradient = 0;
        float[] inputGradient = null;
        if (dnn != null) {
            INDArray outputGradient = Nd4j.createFromArray(logitGradient).reshape(rows, 1).castTo(spec.dataType());
            inputGradient = dnn.backward(outputGradient).castTo(DataType.FLOAT).reshape(-1).toFloatVector();
        }
        for (int b = 0; b < rows; b++) {
            double dz = logitGradient[b];
            biasGradient += dz;
            for (int f = 0; f < fields; f++) {
                int id = batch.id(b, f);
                int slot = slotOfId[id];
                if (slot < 0) {
                    slot = count++;
                    slotOfId[id] = slot;
                    g.ids[slot] = id;
                    g.linear[slot] = 0;
                    Arrays.fill(g.embedding, slot * dim, slot * dim + dim, 0f);
                }
                g.linear[slot] += (float) dz;
                if (dim > 0) {
                    int row = id * dim;
                    int xOffset = (b * fields + f) * dim;
                    for (int k = 0; k < dim; k++) {
                        double fmGradient = dz * (forward.sums[b * dim + k] - embedding[row + k]);
                        g.embedding[slot * dim + k] += (float) (fmGradient + inputGradient[xOffset + k]);
                    }
                }
            }
        }
        for (int slot = 0; slot < count; slot++) {
            slotOfId[g.ids[slot]] = -1;
        }
        g.count = count;
        g.bias = biasGradient;
        return g;
    }

    private Forward forward(Batch batch, boolean training) {
        if (batch.fields() != fields) {
            throw new IllegalArgumentException("batch has " + batch.fields() + " fields, model expects " + fields);
        }
        int rows = batch.size();
        double[] logits = new double[rows];
        double[] sums = new double[rows * dim];
        float[] gathered = new float[rows * fields * dim];
        for (int b = 0; b < rows; b++) {
            double logit = bias[0];
            for (int f = 0; f < fields; f++) {
                int id = batch.id(b, f);
                if (id < 0 || id >= spec.total()) {
                    throw new IllegalArgumentException("id " + id + " of field " + spec.fields().get(f)
                            + " is outside the model's table [0, " + spec.total() + ")");
                }
                logit += linear[id];
                if (dim > 0) {
                    System.arraycopy(embedding, id * dim, gathered, (b * fields + f) * dim, dim);
                }
            }
            for (int k = 0; k < dim; k++) {
                double sum = 0;
                double sumOfSquares = 0;
                for (int f = 0; f < fields; f++) {
                    double v = gathered[(b * fields + f) * dim + k];
                    sum += v;
                    sumOfSquares += v * v;
                }
                sums[b * dim + k] = sum;
                logit += 0.5 * (sum * sum - sumOfSquares);
            }
            logits[b] = logit;
        }
        if (dnn != null) {
            INDArray input = Nd4j.createFromArray(gathered).reshape(rows, (long) fields * dim).castTo(spec.dataType());
            double[] deep = dnn.forward(input, training).reshape(-1).toDoubleVector();
            for (int b = 0; b < rows; b++) {
                logits[b] += deep[b];
            }
        }
        return new Forward(logits, sums);
    }

    /** Dense DNN parameters (empty for the LR baseline). */
    public List<Param> params() {
        return dnn == null ? List.of() : dnn.params();
    }

    public java.util.Map<String, INDArray> buffers() {
        return dnn == null ? java.util.Map.of() : dnn.buffers();
    }

    /** The embedding row entry {@code k} of {@code id} (for tests and the gradient check). */
    public float embedding(int id, int k) {
        return embedding[id * dim + k];
    }

    public void setEmbedding(int id, int k, float value) {
        embedding[id * dim + k] = value;
    }

    public float linear(int id) {
        return linear[id];
    }

    public void setLinear(int id, float value) {
        linear[id] = value;
    }

    /** DNN multiply-adds per sample, forward only. */
    public long dnnMultiplyAddsPerSample() {
        return dnn == null ? 0 : dnn.multiplyAddsPerSample();
    }

    /** A logistic regression ({@code lr} spec) with the given weight per id and intercept, e.g. fitted elsewhere. */
    public static DeepFmModel logisticRegression(ModelSpec spec, float[] weights, float bias) {
        if (spec.isDeepFm() || weights.length != spec.total()) {
            throw new IllegalArgumentException("logistic regression needs an lr spec and one weight per id ("
                    + spec.total() + "), got " + spec.kind() + " and " + weights.length);
        }
        return restore(spec, new float[0], weights, bias, java.util.Map.of());
    }

    static DeepFmModel restore(ModelSpec spec, float[] embedding, float[] linear, float bias,
            java.util.Map<String, float[]> dense) {
        DeepFmModel model = create(spec, 0, false);
        System.arraycopy(embedding, 0, model.embedding, 0, model.embedding.length);
        System.arraycopy(linear, 0, model.linear, 0, model.linear.length);
        model.bias[0] = bias;
        for (Param param : model.params()) {
            param.value().assign(required(dense, param.name(), param.value()));
        }
        model.buffers().forEach((name, array) -> array.assign(required(dense, name, array)));
        return model;
    }

    static INDArray required(java.util.Map<String, float[]> dense, String name, INDArray like) {
        float[] values = dense.get(name);
        if (values == null || values.length != like.length()) {
            throw new IllegalArgumentException("saved model lacks array " + name + " of length " + like.length());
        }
        return Nd4j.createFromArray(values).reshape(like.shape()).castTo(like.dataType());
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private record Forward(double[] logits, double[] sums) {}
}

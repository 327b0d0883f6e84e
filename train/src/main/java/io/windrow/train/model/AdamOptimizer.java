package io.windrow.train.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (beta1 0.9, beta2 0.999, epsilon 1e-8) for a {@link DeepFmModel}: dense for the DNN and
 * "lazy" for the embedding and first-order tables, whose moments are updated only for the rows a
 * batch touched (as TensorFlow's LazyAdam; a dense update would touch the whole table every step).
 * The learning rate is passed per step so the trainer owns the schedule.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final DeepFmModel model;
    private final int dim;
    final float[] embeddingM;
    final float[] embeddingV;
    final float[] linearM;
    final float[] linearV;
    final float[] biasMoments = new float[2];
    final Map<String, INDArray> denseM = new LinkedHashMap<>();
    final Map<String, INDArray> denseV = new LinkedHashMap<>();
    long step;

    public AdamOptimizer(DeepFmModel model) {
        this.model = model;
        this.dim = model.spec().embeddingDim();
        this.embeddingM = new float[model.embedding.length];
        this.embeddingV = new float[model.embedding.length];
        this.linearM = new float[model.linear.length];
        this.linearV = new float[model.linear.length];
        for (Param param : model.params()) {
            denseM.put(param.name(), Nd4j.zerosLike(param.value()));
            denseV.put(param.name(), Nd4j.zerosLike(param.value()));
        }
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** Applies one update from the gradients of the last {@link DeepFmModel#lossAndGradients} call. */
    public void apply(Gradients gradients, double learningRate) {
        step++;
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        double alpha = learningRate * Math.sqrt(correction2) / correction1;
        double epsilonHat = EPSILON * Math.sqrt(correction2);
        for (int slot = 0; slot < gradients.count; slot++) {
            int id = gradients.ids[slot];
            model.linear[id] -= update(linearM, linearV, id, gradients.linear[slot], alpha, epsilonHat);
            for (int k = 0; k < dim; k++) {
                int i = id * dim + k;
                model.embedding[i] -= update(embeddingM, embeddingV, i, gradients.embedding[slot * dim + k], alpha, epsilonHat);
            }
        }
        float[] biasM = {biasMoments[0]};
        float[] biasV = {biasMoments[1]};
        model.bias[0] -= update(biasM, biasV, 0, gradients.bias, alpha, epsilonHat);
        biasMoments[0] = biasM[0];
        biasMoments[1] = biasV[0];
        for (Param param : model.params()) {
            // ND4J's fused Adam kernel (as DL4J's own updater): turns the gradient into the update in place.
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(param.gradient(),
                    denseV.get(param.name()), denseM.get(param.name()), learningRate, BETA1, BETA2, EPSILON, (int) step - 1));
            param.value().subi(param.gradient());
        }
    }

    private static float update(float[] m, float[] v, int i, double g, double alpha, double epsilonHat) {
        double mi = BETA1 * m[i] + (1 - BETA1) * g;
        double vi = BETA2 * v[i] + (1 - BETA2) * g * g;
        m[i] = (float) mi;
        v[i] = (float) vi;
        return (float) (alpha * mi / (Math.sqrt(vi) + epsilonHat));
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each unit is zeroed with probability {@code rate} and the rest
 * scaled by {@code 1/(1-rate)}; at inference it is the identity. Masks come from ND4J's global
 * random generator, which the trainer reseeds every epoch so runs and resumed runs agree.
 */
public final class DropoutLayer implements Layer {
    private final double retain;
    private INDArray mask;

    public DropoutLayer(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.retain = 1 - rate;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (!training) {
            mask = null;
            return input;
        }
        mask = Nd4j.createUninitialized(input.dataType(), input.shape());
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, retain), Nd4j.getRandom());
        mask.divi(retain);
        return input.mul(mask);
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        INDArray gradient = mask == null ? outputGradient : outputGradient.mul(mask);
        mask = null;
        return gradient;
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each unit is zeroed with probability {@code rate} and the rest
 * scaled by {@code 1/(1-rate)}, in place; at inference it is the identity. The mask (0 or
 * {@code 1/(1-rate)} per unit) is one reused array drawn from ND4J's global random generator, which
 * the trainer reseeds every epoch so runs and resumed runs agree.
 */
public final class DropoutLayer implements Layer {
    private final double retain;
    private INDArray mask;
    private boolean masked;

    public DropoutLayer(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.retain = 1 - rate;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        masked = training;
        if (!training) {
            return input;
        }
        mask = Layer.reuse(mask, input.rows(), input.columns(), input.dataType());
        mask.assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, mask, retain), Nd4j.getRandom());
        return input.muli(mask);
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        return masked ? outputGradient.muli(mask) : outputGradient;
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Locale;

/**
 * An element-wise activation from ND4J's catalogue (relu, tanh, sigmoid, leakyrelu, ...), applied
 * in place. ReLU, the seed's choice, keeps only its 0/1 derivative for the backward pass (one
 * comparison forward, one multiply backward); the others keep their input.
 */
public final class ActivationLayer implements Layer {
    private final Activation activation;
    private final IActivation function;
    private INDArray preActivation;
    private INDArray reluDerivative;

    public ActivationLayer(String name) {
        try {
            this.activation = Activation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "' (e.g. relu, tanh, sigmoid, leakyrelu, identity)");
        }
        this.function = activation.getActivationFunction();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        // What backward needs is kept in inference too: the gradient check differentiates that mode.
        if (activation == Activation.RELU) {
            reluDerivative = Layer.reuse(reluDerivative, input.rows(), input.columns(), input.dataType());
            Nd4j.exec(new Step(input, reluDerivative, 0.0));
            return Transforms.relu(input, false);
        }
        preActivation = input.dup();
        return function.getActivation(input, training);
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        if (activation == Activation.RELU) {
            return outputGradient.muli(reluDerivative);
        }
        // backprop overwrites both arguments; the pre-activation is this layer's own copy.
        INDArray gradient = function.backprop(preActivation, outputGradient).getFirst();
        preActivation = null;
        return gradient;
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/** An element-wise activation from ND4J's catalogue (relu, tanh, sigmoid, leakyrelu, ...). */
public final class ActivationLayer implements Layer {
    private final IActivation function;
    private INDArray preActivation;

    public ActivationLayer(String name) {
        Activation activation;
        try {
            activation = Activation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "' (e.g. relu, tanh, sigmoid, leakyrelu, identity)");
        }
        this.function = activation.getActivationFunction();
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        preActivation = input;
        // ND4J activations work in place; the input is kept for the backward pass.
        return function.getActivation(input.dup(), training);
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        // The pre-activation is this layer's own copy and the output gradient is not reused: no copies needed.
        INDArray gradient = function.backprop(preActivation, outputGradient).getFirst();
        preActivation = null;
        return gradient;
    }
}

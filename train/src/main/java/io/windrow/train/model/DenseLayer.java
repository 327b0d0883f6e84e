package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Fully connected layer {@code y = x W + b}, Xavier-normal weights and zero bias (as the seed's
 * OneFlow DeepFM). Gradients are written into preallocated arrays with GEMM so a step allocates
 * only the activations.
 */
public final class DenseLayer implements Layer {
    private final Param weight;
    private final Param bias;
    private INDArray input;

    public DenseLayer(String name, int inputs, int outputs, DataType type) {
        double std = Math.sqrt(2.0 / (inputs + outputs));
        this.weight = new Param(name + ".W", Nd4j.randn(type, inputs, outputs).muli(std), Nd4j.zeros(type, inputs, outputs));
        this.bias = new Param(name + ".b", Nd4j.zeros(type, 1, outputs), Nd4j.zeros(type, 1, outputs));
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        this.input = input;
        return input.mmul(weight.value()).addiRowVector(bias.value());
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        Nd4j.gemm(input, outputGradient, weight.gradient(), true, false, 1.0, 0.0);
        bias.gradient().assign(outputGradient.sum(true, 0));
        INDArray inputGradient = Nd4j.gemm(outputGradient, weight.value(), false, true);
        input = null;
        return inputGradient;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    public long inputs() {
        return weight.value().rows();
    }

    public long outputs() {
        return weight.value().columns();
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Fully connected layer {@code y = x W + b}, Xavier-normal weights and zero bias (as the seed's
 * OneFlow DeepFM). Every product is a GEMM into an array the layer owns and reuses while the batch
 * size stays the same: allocating fresh off-heap arrays of a 1000 x 1000 layer costs about half as
 * much as the multiply itself.
 */
public final class DenseLayer implements Layer {
    private final Param weight;
    private final Param bias;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;

    public DenseLayer(String name, int inputs, int outputs, DataType type) {
        double std = Math.sqrt(2.0 / (inputs + outputs));
        this.weight = new Param(name + ".W", Nd4j.randn(type, inputs, outputs).muli(std), Nd4j.zeros(type, inputs, outputs));
        this.bias = new Param(name + ".b", Nd4j.zeros(type, 1, outputs), Nd4j.zeros(type, 1, outputs));
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        this.input = input;
        output = Layer.reuse(output, input.rows(), outputs(), input.dataType());
        Nd4j.gemm(input, weight.value(), output, false, false, 1.0, 0.0);
        return output.addiRowVector(bias.value());
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        Nd4j.gemm(input, outputGradient, weight.gradient(), true, false, 1.0, 0.0);
        bias.gradient().assign(outputGradient.sum(true, 0));
        inputGradient = Layer.reuse(inputGradient, outputGradient.rows(), inputs(), outputGradient.dataType());
        Nd4j.gemm(outputGradient, weight.value(), inputGradient, false, true, 1.0, 0.0);
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

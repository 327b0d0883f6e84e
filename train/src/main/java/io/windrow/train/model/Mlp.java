package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DNN tower: per hidden layer Dense, optional BatchNorm, activation, optional Dropout (the
 * FuxiCTR MLP_Block order), then a Dense to one logit.
 */
public final class Mlp {
    private final List<Layer> layers;

    private Mlp(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public static Mlp build(int inputs, List<Integer> hidden, String activation, double dropout, boolean batchNorm,
            DataType type) {
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            int units = hidden.get(i);
            layers.add(new DenseLayer("dnn" + i, width, units, type));
            if (batchNorm) {
                layers.add(new BatchNormLayer("bn" + i, units, type));
            }
            layers.add(new ActivationLayer(activation));
            if (dropout > 0) {
                layers.add(new DropoutLayer(dropout));
            }
            width = units;
        }
        layers.add(new DenseLayer("dnnOut", width, 1, type));
        return new Mlp(layers);
    }

    public INDArray forward(INDArray input, boolean training) {
        INDArray x = input;
        for (Layer layer : layers) {
            x = layer.forward(x, training);
        }
        return x;
    }

    public INDArray backward(INDArray outputGradient) {
        INDArray gradient = outputGradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradient = layers.get(i).backward(gradient);
        }
        return gradient;
    }

    public List<Param> params() {
        List<Param> params = new ArrayList<>();
        layers.forEach(layer -> params.addAll(layer.params()));
        return params;
    }

    public Map<String, INDArray> buffers() {
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        layers.forEach(layer -> buffers.putAll(new java.util.TreeMap<>(layer.buffers())));
        return buffers;
    }

    /** Multiply-adds of one forward pass per sample (for the benchmark's FLOP count). */
    public long multiplyAddsPerSample() {
        return layers.stream().filter(DenseLayer.class::isInstance).map(DenseLayer.class::cast)
                .mapToLong(d -> d.inputs() * d.outputs()).sum();
    }
}

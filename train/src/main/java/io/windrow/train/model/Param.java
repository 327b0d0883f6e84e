package io.windrow.train.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import static java.util.Objects.requireNonNull;

/**
 * A dense trainable array of a layer together with the gradient array its backward pass fills.
 * The name is unique within a model and keys the array in saved models and checkpoints.
 */
public record Param(String name, INDArray value, INDArray gradient) {
    public Param {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        requireNonNull(gradient, "gradient");
    }
}

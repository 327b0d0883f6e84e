package io.windrow.train.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * One step of a feed-forward block with a hand-written backward pass. {@link #forward} remembers
 * what {@link #backward} needs, so calls alternate: forward, then at most one backward.
 */
public interface Layer {
    INDArray forward(INDArray input, boolean training);

    /** Takes dLoss/dOutput, fills the gradients of {@link #params()} and returns dLoss/dInput. */
    INDArray backward(INDArray outputGradient);

    /** Trainable arrays. */
    default List<Param> params() {
        return List.of();
    }

    /** Non-trainable state that is saved with the model (batch-norm running statistics). */
    default Map<String, INDArray> buffers() {
        return Map.of();
    }
}

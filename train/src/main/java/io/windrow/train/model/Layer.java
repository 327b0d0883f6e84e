package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * One step of a feed-forward block with a hand-written backward pass. {@link #forward} remembers
 * what {@link #backward} needs, so calls alternate: forward, then at most one backward.
 *
 * <p>Arrays are handed on, not copied: {@link #forward} and {@link #backward} may overwrite the
 * array they are given and return it (activations and dropout work in place), and an array a
 * layer returns may be its own buffer, valid until its next call. A layer therefore keeps what its
 * backward pass needs in arrays of its own, never in the array it returned.
 */
public interface Layer {
    INDArray forward(INDArray input, boolean training);

    /** Takes dLoss/dOutput, fills the gradients of {@link #params()} and returns dLoss/dInput. */
    INDArray backward(INDArray outputGradient);

    /** Trainable arrays. */
    default List<Param> params() {
        return List.of();
    }

    /** {@code buffer} if it has the shape {@code rows x columns}, else a new uninitialized array of that shape. */
    static INDArray reuse(INDArray buffer, long rows, long columns, DataType type) {
        if (buffer != null && buffer.rows() == rows && buffer.columns() == columns && buffer.dataType() == type) {
            return buffer;
        }
        return Nd4j.createUninitialized(type, rows, columns);
    }

    /** Non-trainable state that is saved with the model (batch-norm running statistics). */
    default Map<String, INDArray> buffers() {
        return Map.of();
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The shape of a model: {@code deepfm} (first-order weights + FM second order + DNN over one
 * shared embedding table of {@code total x dim}) or {@code lr} (first-order weights and bias only,
 * the logistic-regression baseline). {@code fields} are the preprocessed columns in input order.
 */
public record ModelSpec(
        String kind,
        List<String> fields,
        int total,
        int dim,
        List<Integer> hidden,
        String activation,
        double dropout,
        boolean batchNorm,
        double embeddingStd,
        DataType dataType) {
    public static final String DEEPFM = "deepfm";
    public static final String LR = "lr";

    public ModelSpec {
        requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        hidden = List.copyOf(hidden);
        requireNonNull(activation, "activation");
        requireNonNull(dataType, "dataType");
        if (!kind.equals(DEEPFM) && !kind.equals(LR)) {
            throw new IllegalArgumentException("unknown model '" + kind + "' (expected deepfm or lr)");
        }
        if (fields.isEmpty() || total <= 0) {
            throw new IllegalArgumentException("model needs at least one field and a positive id count, got "
                    + fields.size() + " fields and " + total + " ids");
        }
        if (kind.equals(DEEPFM) && (dim <= 0 || (long) total * dim > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("embedding table " + total + " x " + dim
                    + " must be non-empty and below 2^31 entries (bound the vocabulary in preprocess)");
        }
        hidden.forEach(units -> {
            if (units <= 0) {
                throw new IllegalArgumentException("DNN layer sizes must be positive, got " + units);
            }
        });
    }

    /** The logistic-regression baseline over the same fields and ids. */
    public ModelSpec asLogisticRegression() {
        return new ModelSpec(LR, fields, total, 0, List.of(), activation, 0, false, embeddingStd, dataType);
    }

    public boolean isDeepFm() {
        return kind.equals(DEEPFM);
    }

    public int embeddingDim() {
        return isDeepFm() ? dim : 0;
    }
}

package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Batch normalization over the batch dimension with learned scale and shift; running mean and
 * variance (momentum 0.9) are used at inference and saved with the model.
 */
public final class BatchNormLayer implements Layer {
    private static final double EPSILON = 1e-5;
    private static final double MOMENTUM = 0.9;
    private final String name;
    private final Param gamma;
    private final Param beta;
    private final INDArray runningMean;
    private final INDArray runningVariance;
    private INDArray normalized;
    private INDArray inverseStd;

    public BatchNormLayer(String name, int units, DataType type) {
        this.name = name;
        this.gamma = new Param(name + ".gamma", Nd4j.ones(type, 1, units), Nd4j.zeros(type, 1, units));
        this.beta = new Param(name + ".beta", Nd4j.zeros(type, 1, units), Nd4j.zeros(type, 1, units));
        this.runningMean = Nd4j.zeros(type, 1, units);
        this.runningVariance = Nd4j.ones(type, 1, units);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray mean;
        INDArray variance;
        if (training) {
            mean = input.mean(true, 0);
            variance = input.var(false, 0).reshape(mean.shape());
            runningMean.muli(MOMENTUM).addi(mean.mul(1 - MOMENTUM));
            runningVariance.muli(MOMENTUM).addi(variance.mul(1 - MOMENTUM));
        } else {
            mean = runningMean;
            variance = runningVariance;
        }
        inverseStd = Transforms.pow(variance.add(EPSILON), -0.5, false);
        normalized = input.subRowVector(mean).muliRowVector(inverseStd);
        return normalized.mulRowVector(gamma.value()).addiRowVector(beta.value());
    }

    @Override
    public INDArray backward(INDArray outputGradient) {
        long rows = outputGradient.rows();
        gamma.gradient().assign(outputGradient.mul(normalized).sum(true, 0));
        beta.gradient().assign(outputGradient.sum(true, 0));
        INDArray gradNormalized = outputGradient.mulRowVector(gamma.value());
        INDArray sumGrad = gradNormalized.sum(true, 0);
        INDArray sumGradDotNormalized = gradNormalized.mul(normalized).sum(true, 0);
        INDArray inputGradient = gradNormalized.muli(rows)
                .subiRowVector(sumGrad)
                .subi(normalized.mulRowVector(sumGradDotNormalized))
                .muliRowVector(inverseStd)
                .divi(rows);
        normalized = null;
        return inputGradient;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, INDArray> buffers() {
        return Map.of(name + ".runningMean", runningMean, name + ".runningVariance", runningVariance);
    }
}

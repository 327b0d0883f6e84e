package io.windrow.train;

/** One epoch of training: mean train loss, validation metrics, throughput and learning rate. */
public record EpochRecord(int epoch, double learningRate, double trainLoss, long trainRows, double samplesPerSecond,
        double valAuc, double valLogloss) {}

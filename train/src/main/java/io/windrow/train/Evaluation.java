package io.windrow.train;

import io.windrow.train.eval.SplitMetrics;

/**
 * One validation during training: after which epoch (counted from 1) and global step it ran, its
 * position in epochs (1.5 = halfway through the second epoch; an epoch's end is a whole number),
 * and the val metrics. Early stopping counts its patience in these.
 */
public record Evaluation(int epoch, long step, double epochPosition, SplitMetrics val) {}

package io.windrow.jobs.train;

import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageResult;
import io.windrow.train.bench.TrainBenchmark;

/**
 * {@code scripts/windrow bench train}: runs {@link TrainBenchmark} with the {@code train.bench}
 * settings, prints its JSON and returns its one-line summary. Called by the bench stage.
 */
public final class TrainBench {
    private TrainBench() {}

    public static StageResult run(StageContext context) {
        TrainBenchmark.Result result = TrainBenchmark.run(context.config().getConfig("train.bench"));
        System.out.println(result.json());
        return new StageResult(result.line());
    }
}

package io.windrow.jobs;

import io.windrow.jobs.pipeline.PipelineStage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of stages the launcher knows, in pipeline order. Each stage also has its own main
 * class (for {@code spark-submit --class}); this list is what {@code windrow --help} shows.
 */
public final class Stages {
    private Stages() {}

    public static List<Stage> all() {
        // One line per stage, in pipeline order.
        List<Stage> stages = new ArrayList<>();
        stages.add(new io.windrow.jobs.generate.GenerateStage());
        stages.add(new io.windrow.jobs.features.FeaturesStage());
        stages.add(new io.windrow.jobs.preprocess.PreprocessStage());
        stages.add(new io.windrow.jobs.train.TrainStage());
        stages.add(new io.windrow.jobs.score.ScoreStage());
        stages.add(new io.windrow.jobs.samples.SamplesStage());
        stages.add(new io.windrow.jobs.diagnose.DiagnoseStage());
        stages.add(new io.windrow.jobs.conformance.ConformanceStage());
        stages.add(new io.windrow.jobs.functions.FunctionsStage());
        stages.add(new io.windrow.jobs.explain.ExplainStage());
        stages.add(new io.windrow.jobs.serve.ServeStage());
        stages.add(new io.windrow.jobs.serve.PredictClientStage());
        stages.add(new io.windrow.jobs.bench.BenchStage());
        stages.add(new PipelineStage());
        return List.copyOf(stages);
    }

    public static Optional<Stage> byName(String name) {
        Map<String, Stage> byName = new LinkedHashMap<>();
        all().forEach(stage -> byName.put(stage.name(), stage));
        return Optional.ofNullable(byName.get(name));
    }
}

package io.windrow.jobs.pipeline;

import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.Stages;
import io.windrow.jobs.WindrowException;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs several stages one after the other in one JVM and one SparkSession, each with the same
 * config, as the README's end-to-end command does (generate, features, preprocess, train, score).
 * Each stage commits its own output before the next starts, so a failure keeps what the earlier
 * stages wrote and stops there.
 */
public final class PipelineStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new PipelineStage(), args);
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "run several stages in order with one config (default: generate to score)";
    }

    @Override
    public List<String> configSections() {
        List<String> sections = new ArrayList<>(List.of(name()));
        for (Stage stage : Stages.all()) {
            if (!stage.name().equals(name())) {
                sections.addAll(stage.configSections());
            }
        }
        return sections;
    }

    /** Validates every stage of the run at start, so a bad value of the last stage fails before the first runs. */
    @Override
    public void validate(com.typesafe.config.Config config) {
        stages(config.getStringList("pipeline.stages")).forEach(stage -> stage.validate(config));
    }

    private List<Stage> stages(List<String> names) {
        List<Stage> stages = new ArrayList<>();
        for (String name : names) {
            Stage stage = Stages.byName(name).filter(s -> s != this && !s.name().equals(name()))
                    .orElseThrow(() -> new WindrowException("config key 'pipeline.stages': unknown stage '" + name
                            + "'" + io.windrow.jobs.config.Suggestions.didYouMean(name,
                                    Stages.all().stream().map(Stage::name).toList())));
            stages.add(stage);
        }
        return stages;
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        List<String> names = context.stageConfig().getStringList("stages");
        List<Stage> stages = stages(names);
        // The closing line repeats every stage's summary, so the end of a long log says it all
        // (the train stage's test AUC among them).
        List<String> summaries = new ArrayList<>();
        for (Stage stage : stages) {
            StageResult result = StageMain.execute(stage, context.config(), List.of(), context::spark, System.out);
            summaries.add(stage.name() + ": " + result.summary());
        }
        return new StageResult("ran " + String.join(" -> ", names) + "\n  " + String.join("\n  ", summaries));
    }
}

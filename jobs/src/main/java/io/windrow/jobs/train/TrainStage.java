package io.windrow.jobs.train;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.config.Suggestions;
import io.windrow.jobs.output.StageOutput;
import io.windrow.train.TrainJob;
import io.windrow.train.TrainSettings;
import io.windrow.train.TrainingDivergedException;
import io.windrow.train.model.ModelSpec;

import java.util.List;

/**
 * The {@code train} stage: trains DeepFM on the {@code preprocess} output with Deeplearning4j/ND4J
 * in this JVM, and the logistic-regression baseline on Spark MLlib (Spark starts only for it), and writes the model,
 * {@code metrics.json} and {@code training-curve.png} to {@code train.output}. The summary line
 * states test AUC, the baseline's AUC and, on generated data, the Bayes-optimal AUC.
 */
public final class TrainStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new TrainStage(), args);
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String description() {
        return "train DeepFM (+ LR baseline) on the preprocessed splits; write model, metrics.json, curve PNG";
    }

    /** The settings are checked at start, so a wrong value fails before a long run, not after it. */
    @Override
    public void validate(Config config) {
        List<String> models = List.of(ModelSpec.DEEPFM, ModelSpec.LR);
        String model = config.getString("train.model");
        if (!models.contains(model)) {
            throw new WindrowException("train.model must be deepfm or lr, got '" + model + "'"
                    + Suggestions.didYouMean(model, models));
        }
        TrainSettings.fromConfig(config.getConfig(name()));
    }

    @Override
    public StageResult run(StageContext context) {
        TrainSettings settings = TrainSettings.fromConfig(context.stageConfig());
        StageOutput.requireComplete(settings.input(), "preprocess output", context.hadoopConf());
        StageOutput output = context.openOutput(context.stageConfig().getString("output"));
        TrainJob.Report report;
        try {
            report = TrainJob.run(settings, output.stagingPath(), context.hadoopConf(), context::spark);
        } catch (TrainingDivergedException e) {
            throw new WindrowException(e.getMessage(), e);
        }
        report.metrics().forEach(output::metric);
        return new StageResult(report.summary() + " -> " + output.path());
    }
}

package io.windrow.jobs;

import com.typesafe.config.Config;
import io.windrow.jobs.output.StageOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What a running stage can use: its resolved config, a SparkSession (started on first use), the
 * Hadoop configuration, and the atomic outputs it opens. The launcher commits every output the
 * stage opened once it returns, or aborts them all if it throws.
 */
public final class StageContext {
    private final String stageName;
    private final Config config;
    private final String renderedConfig;
    private final List<String> arguments;
    private final Supplier<SparkSession> sparkFactory;
    private final List<StageOutput> outputs = new ArrayList<>();
    private SparkSession spark;

    public StageContext(String stageName, Config config, String renderedConfig, List<String> arguments,
            Supplier<SparkSession> sparkFactory) {
        this.arguments = List.copyOf(arguments);
        this.stageName = requireNonNull(stageName, "stageName");
        this.config = requireNonNull(config, "config");
        this.renderedConfig = requireNonNull(renderedConfig, "renderedConfig");
        this.sparkFactory = requireNonNull(sparkFactory, "sparkFactory");
    }

    public String stageName() {
        return stageName;
    }

    /** Positional command-line arguments (e.g. the YAML files of {@code conformance}). */
    public List<String> arguments() {
        return arguments;
    }

    /** The whole resolved config (every section, so a stage can read shared ones). */
    public Config config() {
        return config;
    }

    /** This stage's own section. */
    public Config stageConfig() {
        return config.getConfig(stageName);
    }

    public synchronized SparkSession spark() {
        if (spark == null) {
            spark = sparkFactory.get();
        }
        return spark;
    }

    public Configuration hadoopConf() {
        return spark != null ? spark.sparkContext().hadoopConfiguration() : new Configuration();
    }

    public boolean overwrite() {
        return config.getBoolean("windrow.overwrite");
    }

    /** Opens an atomic output; it is committed (with metrics and config) when the stage succeeds. */
    public StageOutput openOutput(String location) {
        StageOutput output = StageOutput.create(location, stageName, overwrite(), hadoopConf());
        outputs.add(output);
        return output;
    }

    List<StageOutput> outputs() {
        return outputs;
    }

    String renderedConfig() {
        return renderedConfig;
    }
}

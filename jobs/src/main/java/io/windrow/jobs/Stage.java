package io.windrow.jobs;

/**
 * One step of the Windrow pipeline (generate, features, preprocess, train, ...). A stage reads its
 * settings from the config section named {@link #name()}, does its work through the
 * {@link StageContext}, and returns the figures that go into the output's {@code _metrics.json}.
 * Stages are stateless: everything they need comes from the context.
 */
public interface Stage {
    /** The stage's name on the command line and the root of its config section. */
    String name();

    /** One line for {@code windrow --help}. */
    String description();

    /** Whether the stage needs a SparkSession; stages that don't (train) skip starting one. */
    default boolean needsSpark() {
        return true;
    }

    /**
     * Config sections (besides {@code windrow}) that {@code STAGE --help} lists; by default the
     * stage's own.
     */
    default java.util.List<String> configSections() {
        return java.util.List.of(name());
    }

    /**
     * Checks the stage's config values before any work starts (and before Spark starts): a value
     * out of range or not among the allowed ones throws a {@link WindrowException} naming the key.
     */
    default void validate(com.typesafe.config.Config config) {}

    /** Runs the stage; returns its one-line summary. Failures throw with a message for people. */
    StageResult run(StageContext context) throws Exception;
}

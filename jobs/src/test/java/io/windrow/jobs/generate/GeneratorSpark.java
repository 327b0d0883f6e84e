package io.windrow.jobs.generate;

/** The generator's default settings for its tests (the SparkSession is io.windrow.testing.TestSpark). */
final class GeneratorSpark {
    private GeneratorSpark() {}

    /** The settings of reference.conf's generate section. */
    static GeneratorSettings defaults() {
        return GeneratorSettings.from(com.typesafe.config.ConfigFactory.load().getConfig("generate"));
    }
}

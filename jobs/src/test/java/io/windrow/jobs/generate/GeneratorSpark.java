package io.windrow.jobs.generate;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession per test JVM for the generator's tests, and the default settings. */
final class GeneratorSpark {
    private static SparkSession spark;

    private GeneratorSpark() {}

    /** The settings of reference.conf's generate section. */
    static GeneratorSettings defaults() {
        return GeneratorSettings.from(com.typesafe.config.ConfigFactory.load().getConfig("generate"));
    }

    static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("windrow-generate-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return spark;
    }
}

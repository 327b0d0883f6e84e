package io.windrow.udf.spark;

import org.apache.spark.sql.SparkSession;

/** One local SparkSession per test JVM for the udf module's Spark tests. */
final class SparkFixture {
    private static SparkSession spark;

    private SparkFixture() {}

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("windrow-udf-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "1")
                    .config("spark.sql.adaptive.enabled", "false")
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return spark;
    }
}

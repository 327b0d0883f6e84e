package io.windrow.preprocess;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession shared by every test of this module's JVM. */
public final class SparkFixture {
    private static SparkSession spark;

    private SparkFixture() {}

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("windrow-preprocess-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "3")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return spark;
    }
}

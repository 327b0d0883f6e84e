package io.windrow.sql.conformance;

import org.apache.spark.sql.SparkSession;

/** The test JVM's one SparkSession (local[2], no UI), shared by every test that needs Spark. */
final class SparkFixture {
    private SparkFixture() {}

    static synchronized SparkSession spark() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("windrow-sql-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}

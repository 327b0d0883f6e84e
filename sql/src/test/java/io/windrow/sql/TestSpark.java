package io.windrow.sql;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/** The test JVM's one SparkSession (local[2], no UI) and the shared data folder. */
public final class TestSpark {
    private TestSpark() {}

    public static synchronized SparkSession spark() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("windrow-sql-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    public static Path shared() {
        return Path.of(System.getProperty("windrow.shared", "../../shared"));
    }
}

package io.windrow.testing;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * The one SparkSession of a test JVM, with one set of settings for every module's tests (a test
 * dependency of each module: {@code windrow-test-support}). Before, each module built its own
 * session with other settings, and since {@code getOrCreate} returns the first session of the JVM
 * and applies later builders' options on top of it, a test's configuration depended on which test
 * ran first. Tests that need another setting set it on {@code spark.conf()} and restore it.
 *
 * <p>The settings: two local cores; no UI; few shuffle partitions (the test tables are tiny, and
 * Spark's 200 only cost time); session time zone UTC (the dialect's timestamps are instants and
 * the tests' expected values are written in UTC); ANSI mode on, Spark 4's default, which the
 * engine is written for; parquet timestamps read as instants, as the stages write them; the
 * driver bound to the loopback address.
 */
public final class TestSpark {
    private TestSpark() {}

    public static synchronized SparkSession spark() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("windrow-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.ansi.enabled", "true")
                .config("spark.sql.parquet.inferTimestampNTZ.enabled", "false")
                .getOrCreate();
    }

    /** The project's shared data folder ({@code -Dwindrow.shared}, set by the build; else ../../shared). */
    public static Path shared() {
        return Path.of(System.getProperty("windrow.shared", "../../shared"));
    }
}

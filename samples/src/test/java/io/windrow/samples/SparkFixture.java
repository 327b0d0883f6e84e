package io.windrow.samples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession per test JVM, and the samples config the way the launcher builds it. */
public final class SparkFixture {
    private static SparkSession spark;

    private SparkFixture() {}

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("windrow-samples-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.serializer.extraDebugInfo", "false")
                    .getOrCreate();
        }
        return spark;
    }

    /** The {@code samples} section: {@code hocon} over this module's reference.conf. */
    public static Config samplesConfig(String hocon) {
        return config(hocon).getConfig("samples");
    }

    public static Config config(String hocon) {
        return ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.parseString("windrow.work-dir = /tmp/windrow-samples-test"))
                .withFallback(ConfigFactory.parseResources("reference.conf"))
                .resolve();
    }
}

package io.windrow.samples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The samples config the way the launcher builds it (the SparkSession is io.windrow.testing.TestSpark). */
public final class SparkFixture {
    private SparkFixture() {}

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

package io.windrow.samples;

import com.typesafe.config.Config;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The settings of the streaming mode ({@code samples.streaming}): Kafka topics, allowed lateness,
 * sink, checkpoint and trigger.
 *
 * @param featureLogTopic empty when the samples get no features
 * @param trigger "available-now" or a processing-time interval such as "30 seconds"
 */
public record StreamingSpec(
        String bootstrapServers,
        String eventsTopic,
        String featureLogTopic,
        String startingOffsets,
        long watermarkDelaySecs,
        Sink sink,
        String sinkPath,
        String sinkTopic,
        String checkpoint,
        String trigger,
        String report) {

    /** Where the streaming samples go. */
    public enum Sink { PARQUET, KAFKA }

    public StreamingSpec {
        requireNonNull(bootstrapServers, "bootstrapServers");
        requireNonNull(eventsTopic, "eventsTopic");
        requireNonNull(featureLogTopic, "featureLogTopic");
        requireNonNull(startingOffsets, "startingOffsets");
        requireNonNull(sink, "sink");
        requireNonNull(sinkPath, "sinkPath");
        requireNonNull(sinkTopic, "sinkTopic");
        requireNonNull(checkpoint, "checkpoint");
        requireNonNull(trigger, "trigger");
        requireNonNull(report, "report");
        if (watermarkDelaySecs < 0) {
            throw new IllegalArgumentException("samples.streaming.watermark-delay-secs must be >= 0, got " + watermarkDelaySecs);
        }
        if (eventsTopic.isBlank()) {
            throw new IllegalArgumentException("samples.streaming.events-topic must not be empty");
        }
    }

    public boolean availableNow() {
        return trigger.trim().equalsIgnoreCase("available-now");
    }

    public static StreamingSpec fromConfig(Config c) {
        String sink = c.getString("sink").trim().toUpperCase(Locale.ROOT);
        Sink parsed;
        try {
            parsed = Sink.valueOf(sink);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'samples.streaming.sink': expected parquet or kafka, got '" + c.getString("sink") + "'");
        }
        return new StreamingSpec(c.getString("bootstrap-servers"), c.getString("events-topic"),
                c.getString("feature-log-topic"), c.getString("starting-offsets"), c.getLong("watermark-delay-secs"),
                parsed, c.getString("sink-path"), c.getString("sink-topic"), c.getString("checkpoint"),
                c.getString("trigger"), c.getString("report"));
    }
}

package io.windrow.samples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything the samples job needs, read from the {@code samples} config section: the event and
 * feature-log column mappings, the events JSON layout, the join bounds, the labels and user
 * functions, the bad-input policy and the clock used to clamp future event times.
 *
 * @param featureLog empty when samples are built without features
 * @param nowMillis epoch milliseconds to clamp future events to; 0 = the wall clock
 */
public record SamplesSpec(
        InputMapping input,
        Optional<FeatureLogMapping> featureLog,
        EventsLayout layout,
        JoinBounds join,
        Map<String, String> labels,
        Map<String, String> udfs,
        BadInputPolicy badInput,
        long nowMillis) {

    /** What the batch job does with rows it cannot use (streaming always skips). */
    public enum BadInputPolicy { SKIP, FAIL }

    public SamplesSpec {
        requireNonNull(input, "input");
        requireNonNull(featureLog, "featureLog");
        requireNonNull(layout, "layout");
        requireNonNull(join, "join");
        labels = Map.copyOf(labels);
        udfs = Map.copyOf(udfs);
        requireNonNull(badInput, "badInput");
    }

    public SampleAssembler assembler() {
        return new SampleAssembler(input, layout, featureLog.map(FeatureLogMapping::moduleFilter).orElse(""), join);
    }

    /** Reads the {@code samples} section (the stage passes {@code config.getConfig("samples")}). */
    public static SamplesSpec fromConfig(Config c) {
        Config in = c.getConfig("input");
        InputMapping input = new InputMapping(in.getString("userid"), in.getString("itemid"), in.getString("request-id"),
                in.getString("event-type"), in.getString("event-duration"), in.getString("event-ts"),
                TimeUnitSpec.parse(in.getString("event-ts-unit"), "samples.input.event-ts-unit"),
                in.getString("expose-event"), in.getStringList("event-extra"), in.getLong("wait-positive-secs"),
                in.getStringList("event-types"));
        Config log = c.getConfig("feature-log");
        Optional<FeatureLogMapping> featureLog = Optional.of(new FeatureLogMapping(log.getString("request-id"),
                log.getString("item-id"), log.getString("request-time"),
                TimeUnitSpec.parse(log.getString("request-time-unit"), "samples.feature-log.request-time-unit"),
                log.getString("module"), log.getString("features"), log.getString("module-filter")));
        Config join = c.getConfig("join");
        String policy = c.getString("bad-input").trim().toUpperCase(Locale.ROOT);
        BadInputPolicy badInput;
        try {
            badInput = BadInputPolicy.valueOf(policy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'samples.bad-input': expected skip or fail, got '" + c.getString("bad-input") + "'");
        }
        return new SamplesSpec(input, featureLog, EventsLayout.parse(c.getString("events-json.layout")),
                new JoinBounds(join.getLong("before-log-secs"), join.getLong("after-log-secs"), join.getBoolean("keep-unmatched")),
                strings(c, "labels"), strings(c, "udfs"), badInput, c.getLong("now-ms"));
    }

    /**
     * The same spec without a feature log (samples.feature-log.path empty in batch, no topic in
     * streaming): every sample is kept, with NULL features, since there is nothing to join.
     */
    public SamplesSpec withoutFeatureLog() {
        return new SamplesSpec(input, Optional.empty(), layout,
                new JoinBounds(join.beforeLogSecs(), join.afterLogSecs(), true), labels, udfs, badInput, nowMillis);
    }

    private static Map<String, String> strings(Config c, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : c.getConfig(path).entrySet()) {
            Object value = entry.getValue().unwrapped();
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("config key 'samples." + path + "." + entry.getKey()
                        + "': expected a string, got " + value);
            }
            values.put(unquote(entry.getKey()), text);
        }
        return values;
    }

    private static String unquote(String key) {
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }
}

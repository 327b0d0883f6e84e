package io.windrow.samples;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the same events and feature log through the batch job (tables) and the streaming job (a
 * real in-process Kafka broker) and requires identical samples; then checks that a restart from the
 * checkpoint neither loses nor duplicates samples and that late rows are dropped and counted.
 */
class StreamingSamplesTest {
    static final String LABELS = """
            samples.labels {
              click = "has_event(events, 'click')"
              playtime = "sum_over(events, 'duration')"
              is_valid_play = "cast((playtime>10 OR click>0) as bigint)"
            }
            """;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new KafkaBroker();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static String event(String request, String user, String item, String type, long ts, Long duration, String scene) {
        return "{\"request_id\":" + json(request) + ",\"userid\":" + json(user) + ",\"svid\":" + json(item)
                + ",\"event\":" + json(type) + ",\"ts\":" + ts + (duration == null ? "" : ",\"play_time\":" + duration)
                + (scene == null ? "" : ",\"scene\":" + json(scene)) + "}";
    }

    static String log(String request, String item, long time, String module, String features) {
        return "{\"request_id\":" + json(request) + ",\"item_id\":" + json(item) + ",\"request_time\":" + time
                + ",\"module\":" + json(module) + ",\"generate_features\":" + json(features) + "}";
    }

    static String json(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    /** Events over several keys (duplicates, early, late, no exposure, two exposures, bad rows). */
    static List<String> events() {
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            long base = 1000 + k * 200L;
            String request = "r" + k;
            String item = "i" + (k % 3);
            if (k % 4 != 3) {
                events.add(event(request, "u" + k, item, "exposure", base, null, "main"));
            }
            events.add(event(request, "u" + k, item, "click", base + 5 + k, null, "main"));
            events.add(event(request, "u" + k, item, "play", base + 20, 3L * k, k % 2 == 0 ? "feed" : null));
            events.add(event(request, "u" + k, item, "play", base + 20, 3L * k, k % 2 == 0 ? "feed" : null));
            events.add(event(request, "u" + k, item, "play", base + 901, 7L, "main"));
            if (k % 5 == 0) {
                events.add(event(request, "u" + k, item, "exposure", base + 100, null, "main"));
            }
        }
        events.add("{not json");
        events.add(event(null, "u1", "i1", "exposure", 1000, null, null));
        events.add("{\"request_id\":\"r1\",\"userid\":\"u1\",\"svid\":\"i9\",\"event\":\"exposure\",\"ts\":\"yesterday\"}");
        return events;
    }

    static List<String> featureLog() {
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            long base = 1000 + k * 200L;
            if (k % 6 != 5) {
                rows.add(log("r" + k, "i" + (k % 3), base - 2, "item", "f" + k + "=1"));
                rows.add(log("r" + k, "i" + (k % 3), base - 1, "item", "f" + k + "=2"));
                rows.add(log("r" + k, "i" + (k % 3), base - 3, "user", "u=1"));
            }
        }
        rows.add(log("r7", "i1", 1000 + 7 * 200 - 2000, "item", "too-early"));
        return rows;
    }

    /** An event far after every window: advances the watermark so that every key is final. */
    static String heartbeat() {
        return event("hb", "hb", "hb", "heartbeat", 100_000, null, null);
    }

    static List<Map.Entry<String, String>> keyed(List<String> messages) {
        List<Map.Entry<String, String>> keyed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            keyed.add(Map.entry("m" + (i % 5), messages.get(i)));
        }
        return keyed;
    }

    static String config(Path dir, String eventsTopic, String logTopic) {
        return """
                samples {
                  input {
                    userid = userid, itemid = svid, request-id = request_id, event-type = event
                    event-duration = play_time, event-ts = ts, event-ts-unit = seconds
                    expose-event = exposure, event-extra = [scene], wait-positive-secs = 900
                  }
                  feature-log { request-time-unit = seconds, features = generate_features }
                  streaming {
                    bootstrap-servers = "%s"
                    events-topic = %s
                    feature-log-topic = %s
                    watermark-delay-secs = 60
                    sink-path = "%s"
                    checkpoint = "%s"
                  }
                }
                """.formatted(broker.bootstrapServers(), eventsTopic, logTopic, dir.resolve("out"), dir.resolve("checkpoint"))
                + LABELS;
    }

    static Map<String, Object> runStream(SamplesSpec spec, StreamingSpec streaming) throws Exception {
        StreamingSamples job = new StreamingSamples(TestSpark.spark(), spec, streaming);
        StreamingQuery query = job.start();
        query.awaitTermination();
        return job.metrics(query);
    }

    static List<String> rows(Dataset<Row> samples) {
        return samples.orderBy("request_id", "item_id")
                .selectExpr("to_json(struct(request_id, item_id, user_id, exposure_time, events, click, is_valid_play,"
                        + " playtime, features, request_time))")
                .as(Encoders.STRING()).collectAsList();
    }

    @Test
    void streamingAndBatchGiveIdenticalSamples(@TempDir Path dir) throws Exception {
        broker.createTopic("events", 2);
        broker.createTopic("features", 2);
        List<String> events = new ArrayList<>(events());
        broker.send("events", keyed(events));
        broker.send("features", keyed(featureLog()));
        broker.send("events", keyed(List.of(heartbeat())));
        events.add(heartbeat());

        var config = SparkFixture.samplesConfig(config(dir, "events", "features"));
        SamplesSpec spec = SamplesSpec.fromConfig(config);
        StreamingSpec streaming = StreamingSpec.fromConfig(config.getConfig("streaming"));
        Map<String, Object> streamed = runStream(spec, streaming);
        // The heartbeat advanced the watermark in the last batch; a later no-data batch fires the timers.
        var spark = TestSpark.spark();
        BatchSamples.Result batch = new BatchSamples(spark, spec).run(
                spark.read().json(spark.createDataset(events, Encoders.STRING())),
                Optional.of(spark.read().json(spark.createDataset(featureLog(), Encoders.STRING()))));

        List<String> expected = rows(batch.samples());
        List<String> actual = rows(spark.read().parquet(dir.resolve("out").toString()).drop("batch_id"));
        assertThat(expected).hasSize(8);
        assertThat(actual).containsExactlyElementsOf(expected);
        for (String name : List.of("samples", "joined", "exposures", "duplicate_events", "events_after_window",
                "bad_event_malformed_json", "bad_event_missing_key", "bad_event_bad_timestamp", "log_rows_read",
                "log_duplicates", "samples_written", "positives.click")) {
            assertThat(streamed.get(name)).as(name).isEqualTo(batch.metrics().get(name));
        }
        assertThat(batch.metrics()).containsEntry("bad_event_malformed_json", 1L).containsEntry("samples", 9L);
        batch.release();
    }

    @Test
    void restartFromCheckpointDropsLateRowsAndNeitherLosesNorDuplicates(@TempDir Path dir) throws Exception {
        broker.createTopic("events-restart", 1);
        var config = SparkFixture.samplesConfig(config(dir, "events-restart", "\"\""));
        SamplesSpec spec = SamplesSpec.fromConfig(config);
        StreamingSpec streaming = StreamingSpec.fromConfig(config.getConfig("streaming"));
        broker.send("events-restart", keyed(List.of(
                event("a", "u1", "i1", "exposure", 1000, null, null),
                event("a", "u1", "i1", "click", 1010, null, null),
                event("b", "u2", "i1", "exposure", 5000, null, null),
                event("hb1", "hb", "hb", "heartbeat", 10_000, null, null))));
        Map<String, Object> first = runStream(spec, streaming);
        assertThat(first).containsEntry("samples", 2L).containsEntry("late_rows_dropped", 0L);

        // After the restart: a click for b older than the checkpointed watermark (10000 s - 60 s), a new key c.
        broker.send("events-restart", keyed(List.of(
                event("b", "u2", "i1", "click", 5010, null, null),
                event("c", "u3", "i1", "exposure", 20_000, null, null),
                event("hb2", "hb", "hb", "heartbeat", 30_000, null, null))));
        Map<String, Object> second = runStream(spec, streaming);
        assertThat(second).containsEntry("samples", 1L).containsEntry("late_rows_dropped", 1L)
                .containsEntry("keys_without_exposure", 1L); // the first heartbeat's key

        List<String> rows = TestSpark.spark().read().parquet(dir.resolve("out").toString())
                .orderBy("request_id").selectExpr("concat_ws('|', request_id, cast(click as string), events)")
                .as(Encoders.STRING()).collectAsList();
        assertThat(rows).containsExactly(
                "a|1|[{\"eventType\":\"exposure\",\"eventTime\":1000},{\"eventType\":\"click\",\"eventTime\":1010}]",
                "b|0|[{\"eventType\":\"exposure\",\"eventTime\":5000}]",
                "c|0|[{\"eventType\":\"exposure\",\"eventTime\":20000}]");
    }

    @Test
    void kafkaSinkWritesOneJsonRecordPerSampleKeyedByRequestAndItem(@TempDir Path dir) throws Exception {
        broker.createTopic("events-kafka-sink", 1);
        broker.createTopic("samples-out", 1);
        var config = SparkFixture.samplesConfig(config(dir, "events-kafka-sink", "\"\"")
                + "\nsamples.streaming { sink = kafka, sink-topic = samples-out }");
        broker.send("events-kafka-sink", keyed(List.of(
                event("a", "u1", "i1", "exposure", 1000, null, "main"),
                event("a", "u1", "i1", "play", 1030, 12L, "main"),
                event("hb", "hb", "hb", "heartbeat", 10_000, null, null))));
        Map<String, Object> metrics = runStream(SamplesSpec.fromConfig(config), StreamingSpec.fromConfig(config.getConfig("streaming")));
        assertThat(metrics).containsEntry("samples_written", 1L);
        List<String> records = TestSpark.spark().read().format("kafka")
                .option("kafka.bootstrap.servers", broker.bootstrapServers()).option("subscribe", "samples-out")
                .option("startingOffsets", "earliest").load()
                .selectExpr("concat(cast(key as string), ' ', cast(value as string))").as(Encoders.STRING()).collectAsList();
        assertThat(records).containsExactly("a:i1 {\"request_id\":\"a\",\"item_id\":\"i1\",\"user_id\":\"u1\","
                + "\"exposure_time\":\"1970-01-01T00:16:40.000Z\",\"events\":\"[{\\\"eventType\\\":\\\"exposure\\\",\\\"eventTime\\\":1000,"
                + "\\\"properties\\\":{\\\"scene\\\":\\\"main\\\"}},{\\\"eventType\\\":\\\"play\\\",\\\"eventTime\\\":1030,"
                + "\\\"duration\\\":12,\\\"properties\\\":{\\\"scene\\\":\\\"main\\\"}}]\",\"click\":0,\"is_valid_play\":1,"
                + "\"playtime\":12.0}");
    }
}

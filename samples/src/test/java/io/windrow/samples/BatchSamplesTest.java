package io.windrow.samples;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch samples job on hand-made events with the seed's column names; exact expected rows and figures. */
class BatchSamplesTest {
    static final String CONFIG = """
            samples {
              now-ms = 3000000
              input {
                userid = userid, itemid = svid, request-id = request_id, event-type = event
                event-duration = play_time, event-ts = ts, event-ts-unit = seconds
                expose-event = exposure, event-extra = [scene], wait-positive-secs = 900
              }
              feature-log { request-time-unit = seconds, features = generate_features }
              labels {
                click = "has_event(events, 'click')"
                playtime = "sum_over(events, 'duration')"
                ln_play_time = "ln(if(playtime<0,0,playtime)+1)"
                max_play = "max_over(events, 'duration')"
                min_play = "min_over(events, 'duration')"
                n_exposure = "count_over(events, 'exposure')"
                is_valid_play = "cast((playtime>10 OR click>0) as bigint)"
              }
            }
            """;

    static Dataset<Row> events() {
        StructType schema = new StructType()
                .add("request_id", DataTypes.StringType).add("userid", DataTypes.StringType)
                .add("svid", DataTypes.StringType).add("event", DataTypes.StringType)
                .add("ts", DataTypes.StringType).add("play_time", DataTypes.LongType)
                .add("scene", DataTypes.StringType);
        List<Row> rows = Arrays.asList(
                RowFactory.create("r1", "u1", "i1", "exposure", "1000", null, "main"),
                RowFactory.create("r1", "u1", "i1", "click", "1010", null, "main"),
                RowFactory.create("r1", "u1", "i1", "play", "1020", 30L, "main"),
                RowFactory.create("r1", "u1", "i1", "play", "1020", 30L, "main"),
                RowFactory.create("r1", "u1", "i1", "play", "1950", 5L, "main"),
                RowFactory.create("r1", "u1", "i1", "like", "990", null, "main"),
                RowFactory.create("r1", "u1", "i2", "exposure", "1000", null, "main"),
                RowFactory.create("r1", "u1", "i2", "exposure", "1100", null, "main"),
                RowFactory.create("r1", "u1", "i2", "buy", "1500", null, "main"),
                RowFactory.create("r2", "u2", "i1", "click", "2000", null, "feed"),
                RowFactory.create("r2", "u2", "i2", "exposure", "2000", null, "feed"),
                RowFactory.create(null, "u2", "i3", "exposure", "2000", null, "feed"),
                RowFactory.create("r2", "u2", "i4", "exposure", "abc", null, "feed"),
                RowFactory.create("r2", "u2", "i5", null, "2000", null, "feed"),
                RowFactory.create("r3", "u3", "i1", "exposure", "5000", null, null));
        return TestSpark.spark().createDataFrame(rows, schema);
    }

    static Dataset<Row> featureLog() {
        StructType schema = new StructType()
                .add("request_id", DataTypes.StringType).add("item_id", DataTypes.StringType)
                .add("request_time", DataTypes.LongType).add("module", DataTypes.StringType)
                .add("generate_features", DataTypes.StringType);
        List<Row> rows = Arrays.asList(
                RowFactory.create("r1", "i1", 990L, "item", "f=a"),
                RowFactory.create("r1", "i1", 980L, "item", "f=b"),
                RowFactory.create("r1", "i1", 970L, "user", "u=1"),
                RowFactory.create("r1", "i1", 960L, "item", ""),
                RowFactory.create("r1", "i2", 1000L, "item", "f=c"),
                RowFactory.create("r2", "i2", 2031L, "item", "f=d"),
                RowFactory.create("r9", "i9", 100L, "item", "f=z"),
                RowFactory.create("r3", "i1", 2990L, "item", "f=e"));
        return TestSpark.spark().createDataFrame(rows, schema);
    }

    static BatchSamples.Result run(String extraConfig) {
        SamplesSpec spec = SamplesSpec.fromConfig(SparkFixture.samplesConfig(CONFIG + "\n" + extraConfig));
        return new BatchSamples(TestSpark.spark(), spec).run(events(), Optional.of(featureLog()));
    }

    private static BatchSamples.Result defaults;

    @org.junit.jupiter.api.BeforeAll
    static void runDefaults() {
        defaults = run("");
    }

    @org.junit.jupiter.api.AfterAll
    static void release() {
        defaults.release();
    }

    @Test
    void buildsLabelledJoinedSamplesWithExactEventsAndLabels() {
        BatchSamples.Result result = defaults;
        assertThat(result.samples().columns()).containsExactly("request_id", "item_id", "user_id", "exposure_time", "events",
                "click", "is_valid_play", "ln_play_time", "max_play", "min_play", "n_exposure", "playtime",
                "features", "request_time");
        List<String> rows = result.samples().orderBy("request_id", "item_id")
                .selectExpr("concat_ws('|', request_id, item_id, user_id, cast(unix_seconds(exposure_time) as string), events,"
                        + " cast(click as string), cast(playtime as string), cast(round(ln_play_time, 6) as string),"
                        + " coalesce(cast(max_play as string), 'NULL'), coalesce(cast(min_play as string), 'NULL'),"
                        + " cast(n_exposure as string), cast(is_valid_play as string), features,"
                        + " cast(unix_seconds(request_time) as string))")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertThat(rows).containsExactly(
                "r1|i1|u1|1000|[{\"eventType\":\"exposure\",\"eventTime\":1000,\"properties\":{\"scene\":\"main\"}},"
                        + "{\"eventType\":\"click\",\"eventTime\":1010,\"properties\":{\"scene\":\"main\"}},"
                        + "{\"eventType\":\"play\",\"eventTime\":1020,\"duration\":30,\"properties\":{\"scene\":\"main\"}}]"
                        + "|1|30.0|3.433987|30.0|30.0|1|1|f=b|980",
                "r1|i2|u1|1000|[{\"eventType\":\"exposure\",\"eventTime\":1000,\"properties\":{\"scene\":\"main\"}},"
                        + "{\"eventType\":\"exposure\",\"eventTime\":1100,\"properties\":{\"scene\":\"main\"}},"
                        + "{\"eventType\":\"buy\",\"eventTime\":1500,\"properties\":{\"scene\":\"main\"}}]"
                        + "|0|0.0|0.0|NULL|NULL|2|0|f=c|1000",
                "r3|i1|u3|3000|[{\"eventType\":\"exposure\",\"eventTime\":3000}]|0|0.0|0.0|NULL|NULL|1|0|f=e|2990");
    }

    @Test
    void countsEveryDroppedDuplicateLateAndBadRow() {
        BatchSamples.Result result = defaults;
        Map<String, Object> m = result.metrics();
        assertThat(m).containsEntry("events_read", 15L).containsEntry("events_valid", 12L)
                .containsEntry("duplicate_events", 1L).containsEntry("exposures", 5L)
                .containsEntry("samples", 4L).containsEntry("keys_without_exposure", 1L)
                .containsEntry("events_dropped_without_exposure", 1L).containsEntry("events_before_exposure", 1L)
                .containsEntry("events_after_window", 1L).containsEntry("future_events_clamped", 1L)
                .containsEntry("log_rows_read", 8L).containsEntry("log_rows_filtered", 2L)
                .containsEntry("log_duplicates", 1L).containsEntry("log_keys_without_events", 1L)
                .containsEntry("log_out_of_join_bounds", 1L).containsEntry("joined", 3L)
                .containsEntry("join_rate", 0.75).containsEntry("samples_written", 3L)
                .containsEntry("bad_event_missing_key", 1L).containsEntry("bad_event_bad_timestamp", 1L)
                .containsEntry("bad_event_unknown_type", 1L)
                .containsEntry("positive_rate.click", 0.333333).containsEntry("positive_rate.is_valid_play", 0.333333)
                .containsEntry("positive_rate.n_exposure", 1.0);
    }

    @Test
    void flatLayoutAndUnmatchedSamplesKept() {
        BatchSamples.Result result = run("samples.events-json.layout = flat\nsamples.join.keep-unmatched = true");
        List<Row> rows = result.samples().orderBy("request_id", "item_id").select("request_id", "item_id", "events", "features")
                .collectAsList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getString(2)).startsWith("[{\"eventType\":\"exposure\",\"eventTime\":1000,\"scene\":\"main\"},");
        assertThat(rows.get(2).getString(0) + rows.get(2).getString(1)).isEqualTo("r2i2");
        assertThat(rows.get(2).isNullAt(3)).isTrue();
        assertThat(result.metrics()).containsEntry("samples_written", 4L);
        result.release();
    }

    @Test
    void failPolicyNamesTheBadRows() {
        assertThatThrownBy(() -> run("samples.bad-input = fail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad_event_bad_timestamp=1 bad_event_missing_key=1 bad_event_unknown_type=1")
                .hasMessageContaining("request_id=r2, item_id=i4");
    }

    @Test
    void unknownTypesAreSkippedWhenTypesAreListed() {
        BatchSamples.Result result = run("samples.input.event-types = [exposure, click, play, buy]");
        // "like" (the early event) becomes unknown: one more bad row, one fewer early event.
        assertThat(result.metrics()).containsEntry("bad_event_unknown_type", 2L).containsEntry("events_before_exposure", 0L);
        result.release();
    }

    @Test
    void missingMappedColumnNamesTheConfigKey() {
        SamplesSpec spec = SamplesSpec.fromConfig(SparkFixture.samplesConfig(CONFIG + "\nsamples.input.event-extra = [scene, exp_id]"));
        assertThatThrownBy(() -> new BatchSamples(TestSpark.spark(), spec).run(events(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events input has no column 'exp_id' (set by samples.input.event-extra)");
    }
}

package io.windrow.samples.labels;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in label functions in plain Java and as Spark SQL functions, user functions, label ordering. */
class LabelFunctionsTest {
    static final String EVENTS = "[{\"eventType\":\"exposure\",\"eventTime\":10},"
            + "{\"eventType\":\"play\",\"eventTime\":11,\"duration\":30,\"properties\":{\"scene\":\"main\",\"score\":\"2.5\"}},"
            + "{\"eventType\":\"play\",\"eventTime\":12,\"duration\":-4.5,\"scene\":\"feed\"},"
            + "{\"eventType\":\"click\",\"eventTime\":13,\"score\":\"x\"}]";

    @Test
    void plainJavaFunctions() {
        List<SampleEvent> events = SampleEvent.parse(EVENTS);
        assertThat(LabelFunctions.sumOver(events, "duration")).isEqualTo(25.5);
        assertThat(LabelFunctions.minOver(events, "duration")).isEqualTo(-4.5);
        assertThat(LabelFunctions.maxOver(events, "duration")).isEqualTo(30.0);
        assertThat(LabelFunctions.sumOver(events, "score")).isEqualTo(2.5); // numeric string counted, "x" skipped
        assertThat(LabelFunctions.hasEvent(events, "click")).isEqualTo(1L);
        assertThat(LabelFunctions.hasEvent(events, "buy")).isEqualTo(0L);
        assertThat(LabelFunctions.countOver(events, "play")).isEqualTo(2L);
        assertThat(LabelFunctions.sumOver(List.of(), "duration")).isEqualTo(0.0);
        // The seed returns sys.maxsize here; NULL cannot be mistaken for a label value.
        assertThat(LabelFunctions.minOver(List.of(), "duration")).isNull();
        assertThat(LabelFunctions.maxOver(events, "missing")).isNull();
        assertThat(LabelFunctions.sumOver(null, "duration")).isNull();
        assertThatThrownBy(() -> SampleEvent.parse("{\"a\":1}")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A user label function for the test: the number of distinct scenes. */
    public static final class DistinctScenes implements EventsFunction {
        @Override
        public DataType resultType() {
            return DataTypes.IntegerType;
        }

        @Override
        public Object apply(List<SampleEvent> events) {
            return (int) events.stream().map(e -> e.field("scene")).filter(java.util.Objects::nonNull).map(Object::toString).distinct().count();
        }
    }

    @Test
    void sqlFunctionsUserFunctionsAndDependentLabels() {
        var spark = TestSpark.spark();
        LabelUdfs.registerBuiltins(spark);
        LabelUdfs.registerUser(spark, Map.of("distinct_scenes", DistinctScenes.class.getName()));
        var samples = spark.sql("SELECT '" + EVENTS.replace("'", "\\'") + "' AS events UNION ALL SELECT '[]' UNION ALL SELECT NULL");
        LabelExpressions labels = new LabelExpressions(Map.of(
                "ln_play_time", "ln(if(playtime<0,0,playtime)+1)",
                "playtime", "sum_over(events, 'duration')",
                "is_valid_play", "cast((playtime>10 OR click>0) as bigint)",
                "click", "has_event(events, 'click')",
                "n_play", "count_over(events, 'play')",
                "shortest", "min_over(events, 'duration')",
                "longest", "max_over(events, 'duration')",
                "scenes", "distinct_scenes(events)"));
        assertThat(labels.names()).containsExactly("click", "is_valid_play", "ln_play_time", "longest", "n_play",
                "playtime", "scenes", "shortest");
        List<Row> rows = labels.apply(samples).selectExpr("coalesce(cast(to_json(struct(click, is_valid_play, round(ln_play_time, 6) AS ln,"
                + " longest, n_play, playtime, scenes, shortest)) as string), 'x')").collectAsList();
        assertThat(rows.stream().map(r -> r.getString(0)).toList()).containsExactly(
                "{\"click\":1,\"is_valid_play\":1,\"ln\":3.277145,\"longest\":30.0,\"n_play\":2,\"playtime\":25.5,\"scenes\":2,\"shortest\":-4.5}",
                "{\"click\":0,\"is_valid_play\":0,\"ln\":0.0,\"n_play\":0,\"playtime\":0.0,\"scenes\":0}",
                "{}");
        assertThatThrownBy(() -> new LabelExpressions(Map.of("a", "b + 1", "b", "a + 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> LabelUdfs.registerUser(spark, Map.of("f", "no.such.Class")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples.udfs.f: class no.such.Class not found");
    }
}

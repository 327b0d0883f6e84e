package io.windrow.samples;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * Turns the events and feature-log inputs (a table in batch, parsed Kafka JSON in streaming) into
 * {@link KeyedInput} rows plus a {@code status} column: {@code ok}, or why the row is unusable
 * ({@code missing_key}, {@code unknown_type}, {@code bad_timestamp}, {@code malformed_json}).
 * Every mapped column is read through its string form, so both modes parse the same way. Event
 * times after {@code now} are clamped to now (the seed's guard against client clock skew) and flagged.
 */
public final class InputNormalizer {
    public static final String STATUS = "status";
    public static final String OK = "ok";
    /** The column Spark's JSON parser fills with a message it cannot parse. */
    public static final String CORRUPT = "_corrupt_record";

    private final SamplesSpec spec;

    public InputNormalizer(SamplesSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    /** Fails naming the config key when a mapped column is missing from the input. */
    public static void requireColumns(Dataset<Row> input, List<String[]> required, String what) {
        Set<String> present = Set.of(input.columns());
        for (String[] keyAndColumn : required) {
            if (!present.contains(keyAndColumn[1])) {
                throw new IllegalArgumentException(what + " has no column '" + keyAndColumn[1] + "' (set by "
                        + keyAndColumn[0] + "); its columns are " + Arrays.toString(input.columns()));
            }
        }
    }

    /** The events as KeyedInput columns + status; {@code now} is the clamp instant in epoch ms. */
    public Dataset<Row> events(Dataset<Row> raw, Column now) {
        InputMapping m = spec.input();
        requireColumns(raw, m.requiredColumns(), "events input");
        Column requestId = text(m.requestIdColumn());
        Column itemId = text(m.itemIdColumn());
        Column type = text(m.eventTypeColumn());
        Column time = m.eventTimeUnit().toEpochMillis(col(q(m.eventTimeColumn())));
        Column clampedTime = when(time.isNull(), lit(null).cast("bigint")).otherwise(least(time, now));
        Column extras = lit(null).cast("string");
        if (!m.extraColumns().isEmpty()) {
            List<Column> fields = new ArrayList<>();
            for (String extra : m.extraColumns()) {
                fields.add(text(extra).as(extra));
            }
            extras = to_json(struct(fields.toArray(Column[]::new)));
        }
        Column status = keyStatus(requestId, itemId, raw)
                .when(type.isNull().or(type.equalTo("")), lit("unknown_type"))
                .when(time.isNull(), lit("bad_timestamp"));
        if (!m.eventTypes().isEmpty()) {
            status = status.when(type.isin(m.eventTypes().toArray()).equalTo(false), lit("unknown_type"));
        }
        status = status.otherwise(lit(OK));
        return raw.select(
                requestId.as("requestId"),
                itemId.as("itemId"),
                lit(KeyedInput.EVENT).as("source"),
                text(m.userIdColumn()).as("userId"),
                type.as("eventType"),
                clampedTime.as("eventTime"),
                when(time.isNull(), lit(false)).otherwise(time.gt(now)).as("clamped"),
                (m.hasDuration() ? text(m.durationColumn()) : lit(null).cast("string")).as("duration"),
                extras.as("extras"),
                lit(null).cast("string").as("module"),
                lit(null).cast("string").as("features"),
                timestamp_millis(clampedTime).as("ts"),
                status.as(STATUS));
    }

    /** The feature log as KeyedInput columns + status. Its times are not clamped: they are the server's. */
    public Dataset<Row> featureLog(Dataset<Row> raw) {
        FeatureLogMapping m = spec.featureLog().orElseThrow();
        requireColumns(raw, m.requiredColumns(), "feature log input");
        Column requestId = text(m.requestIdColumn());
        Column itemId = text(m.itemIdColumn());
        Column time = m.requestTimeUnit().toEpochMillis(col(q(m.requestTimeColumn())));
        Column status = keyStatus(requestId, itemId, raw)
                .when(time.isNull(), lit("bad_timestamp"))
                .otherwise(lit(OK));
        return raw.select(
                requestId.as("requestId"),
                itemId.as("itemId"),
                lit(KeyedInput.LOG).as("source"),
                lit(null).cast("string").as("userId"),
                lit(null).cast("string").as("eventType"),
                time.as("eventTime"),
                lit(false).as("clamped"),
                lit(null).cast("string").as("duration"),
                lit(null).cast("string").as("extras"),
                text(m.moduleColumn()).as("module"),
                text(m.featuresColumn()).as("features"),
                timestamp_millis(time).as("ts"),
                status.as(STATUS));
    }

    private static Column keyStatus(Column requestId, Column itemId, Dataset<Row> raw) {
        Column missingKey = requestId.isNull().or(requestId.equalTo("")).or(itemId.isNull()).or(itemId.equalTo(""));
        if (Arrays.asList(raw.columns()).contains(CORRUPT)) {
            return when(col(CORRUPT).isNotNull(), lit("malformed_json")).when(missingKey, lit("missing_key"));
        }
        return when(missingKey, lit("missing_key"));
    }

    private static Column text(String column) {
        return col(q(column)).cast("string");
    }

    private static String q(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

}

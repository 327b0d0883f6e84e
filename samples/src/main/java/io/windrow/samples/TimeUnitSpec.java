package io.windrow.samples;

import org.apache.spark.sql.Column;

import java.util.Locale;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * How a time column of the input is written: epoch seconds, epoch milliseconds, or a timestamp
 * (a TIMESTAMP column or a date-time string). Every input time is parsed from its string form, so a
 * typed table column and the same value in a Kafka JSON message give the same instant.
 */
public enum TimeUnitSpec {
    SECONDS, MILLIS, TIMESTAMP;

    public static TimeUnitSpec parse(String text, String key) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key '" + key + "': expected seconds, millis or timestamp, got '" + text + "'");
        }
    }

    /** Epoch milliseconds from the column's string form; NULL when it does not parse. */
    public Column toEpochMillis(Column value) {
        Column text = value.cast("string");
        if (this == TIMESTAMP) {
            return unix_millis(try_to_timestamp(text));
        }
        Column number = text.try_cast("double");
        Column scaled = this == SECONDS ? number.multiply(1000) : number;
        return when(number.isNull().or(number.isNaN()), lit(null).cast("bigint"))
                .otherwise(round(scaled).try_cast("bigint"));
    }

    /** The value written into the events JSON for an instant in epoch milliseconds. */
    public long fromEpochMillis(long millis) {
        return this == SECONDS ? Math.floorDiv(millis, 1000L) : millis;
    }
}

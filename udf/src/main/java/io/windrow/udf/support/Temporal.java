package io.windrow.udf.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Conversions between Spark's external timestamp and date values (java.sql or java.time, depending
 * on {@code spark.sql.datetime.java8API.enabled}) and plain numbers, for sums and keys.
 */
public final class Temporal {
    private Temporal() {}

    /** Microseconds since the epoch of a Timestamp or Instant. */
    public static long micros(Object timestamp) {
        if (timestamp instanceof Timestamp ts) {
            return Math.addExact(Math.multiplyExact(Math.floorDiv(ts.getTime(), 1000L), 1_000_000L), ts.getNanos() / 1000L);
        }
        if (timestamp instanceof Instant instant) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        }
        throw new IllegalArgumentException("not a timestamp: " + timestamp);
    }

    /** A timestamp of the same external class as {@code example} (Timestamp when null). */
    public static Object timestampOfMicros(long micros, Object example) {
        Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        return example instanceof Instant ? instant : Timestamp.from(instant);
    }

    /** Days since the epoch of a java.sql.Date or LocalDate. */
    public static long epochDay(Object date) {
        if (date instanceof java.sql.Date d) {
            return d.toLocalDate().toEpochDay();
        }
        if (date instanceof LocalDate d) {
            return d.toEpochDay();
        }
        throw new IllegalArgumentException("not a date: " + date);
    }
}

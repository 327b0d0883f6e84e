package io.windrow.udf.scalar;

import io.windrow.udf.support.OpenMldbTime;
import io.windrow.udf.support.Strftime;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static io.windrow.udf.type.SqlType.DATE;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.STRING;

import static io.windrow.udf.type.SqlType.TIMESTAMP;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * The time parts ({@code year} ... {@code second}) of a timestamp, of an int64 read as epoch
 * milliseconds, of a date (calendar parts only) and of a string in OpenMLDB's timestamp layouts, all
 * in UTC+8 as OpenMLDB's offline engine computes them (see {@link OpenMldbTime}). A string that is
 * not a valid timestamp gives NULL. The Spark translations compute the same fields from
 * {@code unix_millis} with integer arithmetic, so they never depend on the session time zone.
 */
final class TimeScalars {
    private static final long DAY_SECONDS = 86_400L;

    private TimeScalars() {}

    @FunctionalInterface
    private interface CalendarPart extends Serializable {
        int of(LocalDate date);
    }

    @FunctionalInterface
    private interface ClockPart extends Serializable {
        int of(LocalDateTime time);
    }

    /** A Spark expression of the local (UTC+8) seconds since the epoch, as a long column. */
    @FunctionalInterface
    private interface SparkOfSeconds extends Serializable {
        Column of(Column localSeconds);
    }

    @FunctionalInterface
    private interface SparkOfDate extends Serializable {
        Column of(Column date);
    }

    static List<ScalarFunction> all() {
        return List.of(
                calendar("year", "year of a timestamp, date or epoch milliseconds, in UTC+8", LocalDate::getYear,
                        functions::year),
                calendar("month", "month (1-12)", LocalDate::getMonthValue, functions::month),
                calendar("dayofmonth", "day of the month (1-31)", LocalDate::getDayOfMonth, functions::dayofmonth,
                        "day"),
                calendar("dayofweek", "day of the week, Sunday 1 to Saturday 7", OpenMldbTime::dayOfWeek,
                        functions::dayofweek),
                calendar("dayofyear", "day of the year (1-366)", LocalDate::getDayOfYear, functions::dayofyear),
                calendar("weekofyear", "ISO-8601 week of the year (1-53)", OpenMldbTime::isoWeek,
                        functions::weekofyear, "week"),
                clock("hour", "hour of a timestamp or epoch milliseconds (0-23), in UTC+8", LocalDateTime::getHour,
                        s -> div(pmod(s, lit(DAY_SECONDS)), 3600)),
                clock("minute", "minute (0-59)", LocalDateTime::getMinute, s -> div(pmod(s, lit(3600L)), 60)),
                clock("second", "second (0-59)", LocalDateTime::getSecond, s -> pmod(s, lit(60L))),
                Declared.function("last_day", "the last day of the month of a timestamp, date or epoch milliseconds")
                        .overload(List.of(TIMESTAMP), DATE, a -> lastDay(OpenMldbTime.localDate(((Timestamp) a[0]).getTime())))
                        .overload(List.of(INT64), DATE, a -> lastDay(OpenMldbTime.localDate((Long) a[0])))
                        .overload(List.of(DATE), DATE, a -> lastDay(((Date) a[0]).toLocalDate()))
                        .build(),
                Declared.function("add_months", "add_months(date, n): the date n months later (earlier if n < 0), "
                                + "clamped to the last day of a shorter month")
                        .overload(List.of(DATE, INT64), DATE, a -> addMonths(((Date) a[0]).toLocalDate(), (Long) a[1]))
                        .build(),
                Declared.function("datediff", "datediff(a, b): days from b to a; strings may be yyyy-mm-dd, yyyymmdd, "
                                + "yyyy-mm-dd hh:mm:ss or RFC 3339 (moved to UTC+8)")
                        .overload(List.of(DATE, DATE), INT32, a -> datediff(day(a[0]), day(a[1])))
                        .overload(List.of(DATE, STRING), INT32, a -> datediff(day(a[0]), day(a[1])))
                        .overload(List.of(STRING, DATE), INT32, a -> datediff(day(a[0]), day(a[1])))
                        .overload(List.of(STRING, STRING), INT32, a -> datediff(day(a[0]), day(a[1])))
                        .build(),
                Declared.function("date_format", "date_format(t, format): a timestamp (in UTC+8) or date formatted "
                                + "by C's strftime (%Y-%m-%d %H:%M:%S ...)")
                        .overload(List.of(TIMESTAMP, STRING), STRING, a -> {
                            LocalDateTime t = OpenMldbTime.local(((Timestamp) a[0]).getTime());
                            return t == null ? null : Strftime.format(t, (String) a[1]);
                        })
                        .overload(List.of(DATE, STRING), STRING,
                                a -> Strftime.format(((Date) a[0]).toLocalDate().atStartOfDay(), (String) a[1]))
                        .build(),
                Declared.function("unix_timestamp", "seconds since the epoch of a date (its midnight in UTC+8) or of a "
                                + "timestamp string; NULL or '' (the current time in OpenMLDB) is an error")
                        .overload(Overload.of(List.of(DATE), INT64, a -> unixTimestamp(a[0])).seesNulls())
                        .overload(Overload.of(List.of(STRING), INT64, a -> unixTimestamp(a[0])).seesNulls())
                        .build(),
                rejected("now"),
                rejected("current_timestamp"),
                rejected("current_date"),
                rejected("current_time"));
    }

    /** A function OpenMLDB has but offline feature SQL cannot use: binding it fails with the reason. */
    private static ScalarFunction rejected(String name) {
        return Declared.function(name, "the current time: not available offline (results must not depend on when "
                        + "a job runs)")
                .generic(args -> {
                    throw new IllegalArgumentException(name + "() reads the current time, which offline feature SQL "
                            + "must not depend on; use a timestamp column instead");
                }, name + "() -> (rejected offline)");
    }

    private static Date lastDay(LocalDate date) {
        return date == null ? null : Date.valueOf(date.withDayOfMonth(date.lengthOfMonth()));
    }

    private static Date addMonths(LocalDate date, long months) {
        try {
            return Date.valueOf(date.plusMonths(months));
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate day(Object value) {
        return value instanceof Date d ? d.toLocalDate() : OpenMldbTime.parseDayOfText((String) value);
    }

    private static Integer datediff(LocalDate a, LocalDate b) {
        return a == null || b == null ? null : Math.toIntExact(a.toEpochDay() - b.toEpochDay());
    }

    private static Long unixTimestamp(Object value) {
        if (value instanceof Date d) {
            return Math.floorDiv(OpenMldbTime.startOfDay(d.toLocalDate()), 1000L);
        }
        if (value == null || ((String) value).isEmpty()) {
            throw new IllegalArgumentException("unix_timestamp of NULL or '' is the current time in OpenMLDB, "
                    + "which offline feature SQL must not depend on");
        }
        Long ms = OpenMldbTime.parseTimestamp((String) value);
        return ms == null ? null : Math.floorDiv(ms, 1000L);
    }

    /** A part of the calendar date: of a timestamp, epoch milliseconds, a date or a timestamp string. */
    private static ScalarFunction calendar(String name, String description, CalendarPart part, SparkOfDate spark,
                                           String... aliases) {
        return Declared.function(name, description).alias(aliases)
                .overload(Overload.of(List.of(TIMESTAMP), INT32, a -> ofMillis(((Timestamp) a[0]).getTime(), part))
                        .native_(c -> spark.of(localDate(localSeconds(functions.unix_millis(c.get(0)))))))
                .overload(List.of(INT64), INT32, a -> ofMillis((Long) a[0], part))
                .overload(Overload.of(List.of(DATE), INT32, a -> part.of(((Date) a[0]).toLocalDate()))
                        .native_(c -> spark.of(c.get(0))))
                .overload(List.of(STRING), INT32, a -> {
                    Long ms = OpenMldbTime.parseTimestamp((String) a[0]);
                    return ms == null ? null : ofMillis(ms, part);
                })
                .build();
    }

    /** A part of the time of day: of a timestamp, epoch milliseconds or a timestamp string. */
    private static ScalarFunction clock(String name, String description, ClockPart part, SparkOfSeconds spark) {
        return Declared.function(name, description)
                .overload(Overload.of(List.of(TIMESTAMP), INT32, a -> ofMillis(((Timestamp) a[0]).getTime(), part))
                        .native_(c -> spark.of(localSeconds(functions.unix_millis(c.get(0))))
                                .cast(DataTypes.IntegerType)))
                .overload(List.of(INT64), INT32, a -> ofMillis((Long) a[0], part))
                .overload(List.of(STRING), INT32, a -> {
                    Long ms = OpenMldbTime.parseTimestamp((String) a[0]);
                    return ms == null ? null : ofMillis(ms, part);
                })
                .build();
    }

    private static Integer ofMillis(long epochMillis, CalendarPart part) {
        LocalDate date = OpenMldbTime.localDate(epochMillis);
        return date == null ? null : part.of(date);
    }

    private static Integer ofMillis(long epochMillis, ClockPart part) {
        LocalDateTime time = OpenMldbTime.local(epochMillis);
        return time == null ? null : part.of(time);
    }

    /** OpenMLDB's {@code (ms + 8h) / 1000}: Spark's {@code div} truncates toward zero like C. */
    private static Column localSeconds(Column epochMillis) {
        return div(epochMillis.plus(lit(OpenMldbTime.OFFSET_MS)), 1000);
    }

    /** The local date of local seconds: floor division by a day, so times before 1970 fall on the right day. */
    private static Column localDate(Column localSeconds) {
        Column days = div(localSeconds.minus(pmod(localSeconds, lit(DAY_SECONDS))), DAY_SECONDS);
        return functions.date_from_unix_date(days.cast(DataTypes.IntegerType));
    }

    private static Column div(Column dividend, long divisor) {
        return functions.call_function("div", dividend, lit(divisor));
    }
}

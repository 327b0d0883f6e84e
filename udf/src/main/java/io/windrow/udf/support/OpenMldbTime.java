package io.windrow.udf.support;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenMLDB's calendar: it reads and renders timestamps in the fixed zone UTC+8 whatever the session
 * says, splits epoch milliseconds into fields as its C code does ({@code (ms + 8h) / 1000}, which
 * truncates toward zero, then {@code gmtime}), and parses strings with its own three layouts. Every
 * time function and time cast of Windrow goes through here, so results never depend on the JVM or
 * Spark session zone.
 */
public final class OpenMldbTime {
    public static final ZoneOffset ZONE = ValueFormat.OPENMLDB_ZONE;
    public static final long OFFSET_MS = 8L * 3600_000L;

    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern SIMPLE_DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private OpenMldbTime() {}

    /**
     * Whole seconds of local (UTC+8) time since the epoch, truncated toward zero as OpenMLDB's
     * {@code (ts + TZ_OFFSET) / 1000} is (so a millisecond before 1970-01-01 08:00 local still counts
     * in second 0).
     */
    public static long localSeconds(long epochMillis) {
        return (epochMillis + OFFSET_MS) / 1000L;
    }

    /** The local (UTC+8) date and time of epoch milliseconds; null beyond java.time's range. */
    public static LocalDateTime local(long epochMillis) {
        try {
            return LocalDateTime.ofEpochSecond(localSeconds(epochMillis), 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The local (UTC+8) calendar date of epoch milliseconds, as OpenMLDB's {@code date(timestamp)}. */
    public static LocalDate localDate(long epochMillis) {
        LocalDateTime t = local(epochMillis);
        return t == null ? null : t.toLocalDate();
    }

    /** Epoch milliseconds of local (UTC+8) midnight of {@code date}, as OpenMLDB's {@code timestamp(date)}. */
    public static long startOfDay(LocalDate date) {
        return date.toEpochDay() * 86_400_000L - OFFSET_MS;
    }

    /** ISO-8601 week number, 1..53, as boost's {@code week_number()}. */
    public static int isoWeek(LocalDate date) {
        return date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /** Sunday 1 .. Saturday 7, as OpenMLDB's {@code dayofweek}. */
    public static int dayOfWeek(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    /**
     * OpenMLDB's string to timestamp: exactly {@code yyyy-mm-dd hh:mm:ss} (19 characters; out-of-range
     * days and times roll over as C's {@code mktime} does, 2020-02-30 is 2020-03-01), {@code yyyy-mm-dd}
     * (10) or {@code yyyymmdd} (8), read in UTC+8; null for anything else or a year before 1900.
     */
    public static Long parseTimestamp(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 19) {
            Matcher m = DATE_TIME.matcher(text);
            if (!m.matches()) {
                return null;
            }
            int year = group(m, 1);
            int month = group(m, 2);
            int day = group(m, 3);
            int hour = group(m, 4);
            int minute = group(m, 5);
            int second = group(m, 6);
            // strptime's field ranges; mktime then normalizes what is still out of calendar range
            if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59
                    || second > 61) {
                return null;
            }
            LocalDateTime local = LocalDate.of(year, month, 1).atStartOfDay().plusDays(day - 1L).plusHours(hour)
                    .plusMinutes(minute).plusSeconds(second);
            return local.toEpochSecond(ZoneOffset.UTC) * 1000L - OFFSET_MS;
        }
        LocalDate date = parseDate(text);
        return date == null ? null : startOfDay(date);
    }

    /**
     * OpenMLDB's string to date: {@code yyyy-mm-dd} (10 characters, also with {@code /} or {@code .}),
     * {@code yyyymmdd} (8) or the date part of {@code yyyy-mm-dd hh:mm:ss} (19); null for anything
     * else, an impossible date (2020-02-30) or a year before 1900.
     */
    public static LocalDate parseDate(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 19) {
            Matcher m = DATE_TIME.matcher(text);
            // OpenMLDB keeps strptime's fields as they are (2020-02-30 stays an invalid date, which
            // java.time cannot hold): Windrow makes an impossible date NULL
            return parseTimestamp(text) == null || !m.matches() ? null : strict(group(m, 1), group(m, 2), group(m, 3));
        }
        Matcher m = text.length() == 10 ? SIMPLE_DATE.matcher(text)
                : text.length() == 8 ? ISO_DATE.matcher(text) : null;
        if (m == null || !m.matches()) {
            return null;
        }
        LocalDate date = strict(group(m, 1), group(m, 2), group(m, 3));
        return date == null || date.getYear() < 1900 ? null : date;
    }

    /**
     * The dates {@code datediff} reads from a string: {@code yyyy-mm-dd}, {@code yyyymmdd},
     * {@code yyyy-mm-dd hh:mm:ss} (any year, unlike the date type) or RFC 3339 with an offset, which
     * is moved to UTC+8 first; null otherwise.
     */
    public static LocalDate parseDayOfText(String text) {
        Matcher m = text.length() == 10 ? SIMPLE_DATE.matcher(text)
                : text.length() == 8 ? ISO_DATE.matcher(text)
                : text.length() == 19 ? DATE_TIME.matcher(text) : null;
        if (m != null && m.matches()) {
            return strict(group(m, 1), group(m, 2), group(m, 3));
        }
        try {
            return java.time.OffsetDateTime.parse(text).atZoneSameInstant(ZONE).toLocalDate();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalDate strict(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int group(Matcher m, int i) {
        return Integer.parseInt(m.group(i));
    }
}

package io.windrow.sql.exec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

/**
 * OpenMLDB evaluates time functions in its fixed zone UTC+8, whatever the Spark session zone is.
 * These helpers work on epoch milliseconds so results never depend on the session.
 */
public final class OpenMldbTime {
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
    public static final long OFFSET_MS = 8L * 3600_000L;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OpenMldbTime() {}

    public static LocalDateTime local(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZONE);
    }

    /** {@code string(ts)}: {@code yyyy-MM-dd HH:mm:ss} in UTC+8. */
    public static String format(long epochMillis) {
        return FORMAT.format(local(epochMillis));
    }

    /** Parses {@code yyyy-MM-dd HH:mm:ss[.SSS]} or {@code yyyy-MM-dd} read in UTC+8; null if invalid. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return java.time.LocalDate.parse(s).atStartOfDay().toInstant(ZONE).toEpochMilli();
            }
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZONE).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static int part(String part, long epochMillis) {
        LocalDateTime t = local(epochMillis);
        return switch (part) {
            case "year" -> t.getYear();
            case "month" -> t.getMonthValue();
            case "day", "dayofmonth" -> t.getDayOfMonth();
            case "hour" -> t.getHour();
            case "minute" -> t.getMinute();
            case "second" -> t.getSecond();
            case "dayofweek" -> t.getDayOfWeek().getValue() % 7 + 1;
            case "dayofyear" -> t.getDayOfYear();
            case "weekofyear", "week" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            default -> throw new IllegalArgumentException("unknown time part " + part);
        };
    }
}

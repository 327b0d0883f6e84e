package io.windrow.udf.support;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * C's {@code strftime} in the "C" locale, which OpenMLDB's {@code date_format} calls on a
 * {@code gmtime} of the UTC+8 local time (so {@code %Z} is GMT and {@code %z} +0000). Unknown
 * conversions are copied as they are, as glibc does.
 */
public final class Strftime {
    private Strftime() {}

    public static String format(LocalDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char spec = format.charAt(++i);
            String value = conversion(t, spec);
            out.append(value != null ? value : "%" + spec);
        }
        return out.toString();
    }

    private static String conversion(LocalDateTime t, char spec) {
        int wday = t.getDayOfWeek().getValue() % 7; // Sunday 0
        int yday = t.getDayOfYear() - 1;
        return switch (spec) {
            case 'Y' -> Integer.toString(t.getYear());
            case 'C' -> two(Math.floorDiv(t.getYear(), 100));
            case 'y' -> two(Math.floorMod(t.getYear(), 100));
            case 'm' -> two(t.getMonthValue());
            case 'd' -> two(t.getDayOfMonth());
            case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
            case 'H' -> two(t.getHour());
            case 'k' -> String.format(Locale.ROOT, "%2d", t.getHour());
            case 'I' -> two(hour12(t));
            case 'l' -> String.format(Locale.ROOT, "%2d", hour12(t));
            case 'M' -> two(t.getMinute());
            case 'S' -> two(t.getSecond());
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'j' -> String.format(Locale.ROOT, "%03d", yday + 1);
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'w' -> Integer.toString(wday);
            case 'U' -> two((yday + 7 - wday) / 7);
            case 'W' -> two((yday + 7 - (wday + 6) % 7) / 7);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> two(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
            case 'F' -> format(t, "%Y-%m-%d");
            case 'T' -> format(t, "%H:%M:%S");
            case 'D' -> format(t, "%m/%d/%y");
            case 'R' -> format(t, "%H:%M");
            case 'r' -> format(t, "%I:%M:%S %p");
            case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
            case 'x' -> format(t, "%m/%d/%y");
            case 'X' -> format(t, "%H:%M:%S");
            case 's' -> Long.toString(t.toEpochSecond(ZoneOffset.UTC));
            case 'Z' -> "GMT";
            case 'z' -> "+0000";
            case 'n' -> "\n";
            case 't' -> "\t";
            case '%' -> "%";
            default -> null;
        };
    }

    private static int hour12(LocalDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String two(int value) {
        return value >= 0 && value < 10 ? "0" + value : Integer.toString(value);
    }
}

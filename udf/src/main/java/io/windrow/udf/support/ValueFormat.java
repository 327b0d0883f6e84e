package io.windrow.udf.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders values the way OpenMLDB's string-producing aggregates do ({@code topn_frequency},
 * {@code *_cate}): integers as {@code %d}, floats and doubles as C's {@code %f} (six decimals,
 * rounded from the exact binary value, so {@code 1.1f} prints {@code 1.100000}), timestamps as
 * {@code yyyy-MM-dd HH:mm:ss} in OpenMLDB's fixed zone UTC+8, dates as {@code yyyy-MM-dd}.
 */
public final class ValueFormat {
    /** OpenMLDB renders and interprets timestamps in this fixed zone, whatever the session says. */
    public static final ZoneOffset OPENMLDB_ZONE = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(OPENMLDB_ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private ValueFormat() {}

    /** The OpenMLDB text of a non-null value of any supported external type. */
    public static String format(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Float f) {
            return formatDouble(f.doubleValue());
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Short || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Timestamp ts) {
            return TIMESTAMP.format(ts.toInstant());
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(instant);
        }
        if (value instanceof java.sql.Date date) {
            return DATE.format(date.toLocalDate());
        }
        if (value instanceof LocalDate date) {
            return DATE.format(date);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        throw new IllegalArgumentException("cannot format a value of type " + value.getClass().getName());
    }

    /**
     * C++'s {@code ostream << d} (C's {@code %g}: six significant digits, trailing zeros dropped,
     * exponent form below 1e-4 and from 1e6), which is how OpenMLDB's {@code string()} and
     * {@code CAST(.. AS string)} render a float or double: 10.0 becomes {@code 10}, 1e6 {@code 1e+06}.
     */
    public static String formatGeneral(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return formatDouble(d);
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        if (d == 0) {
            return negative ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(d)).round(new java.math.MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String text;
        if (exponent < -4 || exponent >= 6) {
            text = withoutTrailingZeros(rounded.movePointLeft(exponent)) + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        } else {
            text = withoutTrailingZeros(rounded);
        }
        return negative ? "-" + text : text;
    }

    /** Plain digits with no trailing fractional zeros and no exponent: 2.50 is 2.5, 1E+2 is 100. */
    private static String withoutTrailingZeros(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /**
     * C's {@code printf("%f", d)}: the exact binary value rounded half-even to six decimals. Java's
     * own {@code %f} rounds the shortest decimal representation instead, which differs for values
     * such as 1.0000005 (C: 1.000000, Java: 1.000001).
     */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        if (negative && !text.startsWith("-")) {
            return "-" + text;
        }
        return text;
    }
}

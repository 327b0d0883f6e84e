package io.windrow.sql.exec;

import io.windrow.udf.support.ValueFormat;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Locale;

import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * The one definition of the dialect's conversions, in its two forms: a Spark column
 * ({@link #spark}) and a Java function on {@link SqlType}'s Java values ({@link #java}), which
 * {@code CastsTest} checks against each other. OpenMLDB's rules: a failed conversion is NULL, never
 * an error; timestamps convert to and from numbers as epoch milliseconds; timestamps, dates and
 * their text are read and written in UTC+8; floating values print in the shortest form ({@code 1.5},
 * {@code 1e+20}).
 */
public final class Casts {
    private static final long DAY_MS = 86_400_000L;

    private Casts() {}

    /** A conversion of one value, chosen once per cast (no type dispatch per row). */
    @FunctionalInterface
    public interface JavaCast extends Serializable {
        Object apply(Object value);
    }

    /** {@code value} (of type {@code from}) converted to {@code to}. */
    public static Column spark(Column value, SqlType from, SqlType to) {
        if (from == to) {
            return value;
        }
        if (from == SqlType.NULL) {
            return lit(null).cast(to.sparkType());
        }
        if (to == SqlType.TIMESTAMP) {
            if (from.isNumeric() || from == SqlType.BOOL) {
                return timestamp_millis(spark(value, from, SqlType.INT64));
            }
            if (from == SqlType.STRING) {
                return timestamp_millis(udf((UDF1<String, Long>) OpenMldbTime::parse, DataTypes.LongType).apply(value));
            }
            return timestamp_millis(unix_date(value).cast(DataTypes.LongType).multiply(lit(DAY_MS))
                    .minus(lit(OpenMldbTime.OFFSET_MS)));
        }
        if (from == SqlType.TIMESTAMP) {
            Column millis = unix_millis(value);
            if (to == SqlType.STRING) {
                return udf((UDF1<Long, String>) ms -> ms == null ? null : OpenMldbTime.format(ms), DataTypes.StringType)
                        .apply(millis);
            }
            if (to == SqlType.DATE) {
                return date_from_unix_date(floor(millis.plus(lit(OpenMldbTime.OFFSET_MS)).divide(lit(DAY_MS)))
                        .cast(DataTypes.IntegerType));
            }
            return spark(millis, SqlType.INT64, to);
        }
        if (from.isFloating() && to == SqlType.STRING) {
            return udf((UDF1<Double, String>) d -> d == null ? null : ValueFormat.formatGeneral(d), DataTypes.StringType)
                    .apply(value.cast(DataTypes.DoubleType));
        }
        if (from == SqlType.BOOL && to.isNumeric()) {
            return when(value, lit(1)).when(not(value), lit(0)).cast(to.sparkType());
        }
        if (from == SqlType.STRING && to == SqlType.BOOL) {
            return udf((UDF1<String, Boolean>) Casts::parseBool, DataTypes.BooleanType).apply(value);
        }
        if (from == SqlType.DATE && to == SqlType.BOOL) {
            return unix_date(value).notEqual(lit(0));
        }
        return value.try_cast(to.sparkType());
    }

    /** The Java form of {@link #spark}: NULL in, NULL out. */
    public static JavaCast java(SqlType from, SqlType to) {
        if (from == to) {
            return v -> v;
        }
        if (from == SqlType.NULL) {
            return v -> null;
        }
        JavaCast cast = nonNull(from, to);
        return v -> v == null ? null : cast.apply(v);
    }

    private static JavaCast nonNull(SqlType from, SqlType to) {
        if (to == SqlType.TIMESTAMP) {
            if (from.isNumeric() || from == SqlType.BOOL) {
                JavaCast toLong = nonNull(from, SqlType.INT64);
                return v -> {
                    Object ms = toLong.apply(v);
                    return ms == null ? null : new Timestamp((Long) ms);
                };
            }
            if (from == SqlType.STRING) {
                return v -> {
                    Long ms = OpenMldbTime.parse((String) v);
                    return ms == null ? null : new Timestamp(ms);
                };
            }
            return v -> new Timestamp(((Date) v).toLocalDate().toEpochDay() * DAY_MS - OpenMldbTime.OFFSET_MS);
        }
        if (from == SqlType.TIMESTAMP) {
            if (to == SqlType.STRING) {
                return v -> OpenMldbTime.format(((Timestamp) v).getTime());
            }
            if (to == SqlType.DATE) {
                return v -> Date.valueOf(LocalDate.ofEpochDay(
                        Math.floorDiv(((Timestamp) v).getTime() + OpenMldbTime.OFFSET_MS, DAY_MS)));
            }
            JavaCast fromLong = nonNull(SqlType.INT64, to);
            return v -> fromLong.apply(((Timestamp) v).getTime());
        }
        if (to == SqlType.STRING) {
            if (from.isFloating()) {
                return v -> ValueFormat.formatGeneral(((Number) v).doubleValue());
            }
            return String::valueOf;
        }
        if (from == SqlType.BOOL) {
            return v -> number((Boolean) v ? 1L : 0L, to);
        }
        if (from.isNumeric()) {
            if (to == SqlType.BOOL) {
                return from.isFloating() ? v -> ((Number) v).doubleValue() != 0 : v -> ((Number) v).longValue() != 0;
            }
            if (from.isFloating()) {
                return v -> fromDouble(((Number) v).doubleValue(), to);
            }
            return v -> number(((Number) v).longValue(), to);
        }
        if (from == SqlType.STRING) {
            return switch (to) {
                case BOOL -> v -> parseBool((String) v);
                case DATE -> v -> parseDate((String) v);
                case FLOAT, DOUBLE -> v -> parseDouble((String) v, to);
                default -> v -> parseLong((String) v, to);
            };
        }
        // DATE to BOOL (the only other conversion the analyzer lets through)
        return v -> ((Date) v).toLocalDate().toEpochDay() != 0;
    }

    /** An integer in {@code to}: NULL when it does not fit (Spark's try_cast). */
    private static Object number(long value, SqlType to) {
        return switch (to) {
            case INT16 -> value == (short) value ? (Object) (short) value : null;
            case INT32 -> value == (int) value ? (Object) (int) value : null;
            case INT64 -> value;
            case FLOAT -> (float) value;
            case DOUBLE -> (double) value;
            case BOOL -> value != 0;
            default -> throw new IllegalArgumentException("no integer conversion to " + to);
        };
    }

    private static Object fromDouble(double value, SqlType to) {
        if (to == SqlType.FLOAT) {
            return (float) value;
        }
        if (to == SqlType.DOUBLE) {
            return value;
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value >= 0x1p63 || value < -0x1p63) {
            return null;
        }
        return number((long) value, to);
    }

    private static Boolean parseBool(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "1" -> true;
            case "f", "false", "n", "no", "0" -> false;
            default -> null;
        };
    }

    private static Object parseLong(String text, SqlType to) {
        try {
            return number(Long.parseLong(text.trim()), to);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object parseDouble(String text, SqlType to) {
        try {
            double d = Double.parseDouble(text.trim());
            return to == SqlType.FLOAT ? (Object) (float) d : (Object) d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Spark's reading of a date: {@code yyyy[-m[m][-d[d]]]}, optionally followed by a time. */
    private static Date parseDate(String text) {
        String s = text.trim();
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == 'T') {
                end = i;
                break;
            }
        }
        String[] parts = s.substring(0, end).split("-", -1);
        if (parts.length > 3 || parts[0].length() != 4) {
            return null;
        }
        try {
            int year = Integer.parseInt(parts[0]);
            int month = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            int day = parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 2) {
                    return null;
                }
            }
            return Date.valueOf(LocalDate.of(year, month, day));
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package io.windrow.sql.conformance;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type of OpenMLDB's case files ({@code int}, {@code int16}, {@code bigint}, ...), with
 * its Spark type and the conversions between a case file's literal, a Spark value and the
 * canonical value the runner compares (Long for integers, Double for floats, epoch milliseconds
 * for timestamps, LocalDate for dates).
 */
public enum ColumnType {
    BOOL(DataTypes.BooleanType),
    SMALLINT(DataTypes.ShortType),
    INT(DataTypes.IntegerType),
    BIGINT(DataTypes.LongType),
    FLOAT(DataTypes.FloatType),
    DOUBLE(DataTypes.DoubleType),
    STRING(DataTypes.StringType),
    TIMESTAMP(DataTypes.TimestampType),
    DATE(DataTypes.DateType);

    /** Dates as the case files write them: {@code 2020-05-01} and also {@code 2021-1-1}. */
    private static final DateTimeFormatter LENIENT_DATE = DateTimeFormatter.ofPattern("uuuu-M-d");
    /** {@code {currentTime}}, optionally {@code +N} or {@code -N} ms: OpenMLDB's runner puts in the time of the run. */
    private static final Pattern CURRENT_TIME = Pattern.compile("\\{currentTime}\\s*(?:([+-])\\s*(\\d+))?");

    private final DataType sparkType;

    ColumnType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }

    /** Parses a type name of the case files; throws naming the type when it is unknown. */
    public static ColumnType parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "bool", "boolean" -> BOOL;
            case "smallint", "int16", "i16", "short" -> SMALLINT;
            case "int", "int32", "i32", "integer" -> INT;
            case "bigint", "int64", "i64", "long" -> BIGINT;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            case "string", "varchar" -> STRING;
            case "timestamp" -> TIMESTAMP;
            case "date" -> DATE;
            default -> throw new IllegalArgumentException("unknown column type '" + name.trim() + "'");
        };
    }

    /** The case type of a Spark result column, or null when the dialect has none for it. */
    public static ColumnType fromSpark(DataType type) {
        for (ColumnType candidate : values()) {
            if (candidate.sparkType.equals(type)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Converts a literal of a case file (a YAML scalar, or the text of a {@code data:} cell) to the
     * Spark external value of this type; {@code null} and the text {@code NULL} are SQL NULL.
     */
    public Object toSpark(Object literal) {
        if (literal == null || isNullText(literal)) {
            return null;
        }
        String text = literal.toString().trim();
        return switch (this) {
            case BOOL -> parseBool(literal, text);
            case SMALLINT -> (short) integral(literal, text);
            case INT -> Math.toIntExact(integral(literal, text));
            case BIGINT -> integral(literal, text);
            case FLOAT -> literal instanceof Number n ? n.floatValue() : Float.parseFloat(text);
            case DOUBLE -> literal instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
            case STRING -> literal instanceof String s ? s : text;
            case TIMESTAMP -> new Timestamp(epochMillis(literal, text));
            case DATE -> Date.valueOf(LocalDate.parse(text, LENIENT_DATE));
        };
    }

    /** The canonical comparable form of a literal of a case file. */
    public Object canonicalOfLiteral(Object literal) {
        return canonical(toSpark(literal));
    }

    /** The canonical comparable form of a value Spark returned (any external type). */
    public static Object canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.getTime();
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        return value;
    }

    private static boolean isNullText(Object literal) {
        return literal instanceof String s && (s.trim().equals("NULL") || s.trim().equals("null"));
    }

    private static boolean parseBool(Object literal, String text) {
        if (literal instanceof Boolean b) {
            return b;
        }
        if (literal instanceof Number n) {
            return n.longValue() != 0;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a bool: '" + text + "'");
        };
    }

    private static long integral(Object literal, String text) {
        if (literal instanceof Number n) {
            double asDouble = n.doubleValue();
            if (n instanceof Double || n instanceof Float) {
                if (asDouble != Math.rint(asDouble)) {
                    throw new IllegalArgumentException("not an integer: " + text);
                }
                return (long) asDouble;
            }
            return n.longValue();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new BigDecimal(text).longValueExact();
        }
    }

    private static long epochMillis(Object literal, String text) {
        if (literal instanceof Number n) {
            return n.longValue();
        }
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        Matcher now = CURRENT_TIME.matcher(text);
        if (now.matches()) {
            long offset = now.group(2) == null ? 0 : Long.parseLong(now.group(2));
            return System.currentTimeMillis() + ("-".equals(now.group(1)) ? -offset : offset);
        }
        // Timestamps written as text are wall-clock times of OpenMLDB's fixed zone, UTC+8.
        return Timestamp.valueOf(text).toLocalDateTime().toInstant(java.time.ZoneOffset.ofHours(8)).toEpochMilli();
    }
}

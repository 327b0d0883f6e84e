package io.windrow.preprocess;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Turns a field's raw value into what an encoding needs (its canonical text, or a number), the
 * same way on Spark executors and in single-row scoring. The conversion follows the field's
 * fitted SQL type, not the Java class of the value, so a caller handing an Integer for a bigint
 * field gets the same id as Spark's Long; a value of an incompatible kind is an error naming the
 * field.
 */
public final class FieldValues {
    private FieldValues() {}

    /** The canonical text of a categorical value (null for NULL). */
    public static String text(String field, String sqlType, Object value) {
        if (value == null) {
            return null;
        }
        switch (family(sqlType)) {
            case "string":
                if (value instanceof String s) {
                    return s;
                }
                break;
            case "integral":
                if (isIntegral(value)) {
                    return Long.toString(((Number) value).longValue());
                }
                break;
            case "float":
                if (value instanceof Number n) {
                    return Float.toString(n.floatValue());
                }
                break;
            case "double":
                if (value instanceof Number n) {
                    return Double.toString(n.doubleValue());
                }
                break;
            case "decimal":
                if (value instanceof Number n) {
                    return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
                }
                break;
            case "boolean":
                if (value instanceof Boolean b) {
                    return b.toString();
                }
                break;
            case "timestamp":
                Long millis = epochMillis(value);
                if (millis != null) {
                    return Long.toString(millis);
                }
                break;
            case "date":
                if (value instanceof java.sql.Date || value instanceof LocalDate) {
                    return value.toString();
                }
                break;
            default:
                break;
        }
        throw mismatch(field, sqlType, value);
    }

    /** The numeric value of a continuous value (null for NULL and NaN). */
    public static Double number(String field, String sqlType, Object value) {
        if (value == null) {
            return null;
        }
        double result;
        switch (family(sqlType)) {
            case "integral", "float", "double", "decimal" -> {
                if (!(value instanceof Number n)) {
                    throw mismatch(field, sqlType, value);
                }
                result = n.doubleValue();
            }
            case "boolean" -> {
                if (!(value instanceof Boolean b)) {
                    throw mismatch(field, sqlType, value);
                }
                result = b ? 1.0 : 0.0;
            }
            case "timestamp" -> {
                Long millis = epochMillis(value);
                if (millis == null) {
                    throw mismatch(field, sqlType, value);
                }
                result = millis;
            }
            default -> throw new IllegalArgumentException("field '" + field + "': type " + sqlType
                    + " cannot be a continuous field");
        }
        return Double.isNaN(result) ? null : result;
    }

    /** Whether a column of this SQL type can be a field at all (atomic types only). */
    public static boolean isSupported(String sqlType) {
        return !family(sqlType).equals("unsupported");
    }

    /** Whether a column of this SQL type is continuous unless configured otherwise. */
    public static boolean isNumeric(String sqlType) {
        String family = family(sqlType);
        return family.equals("integral") || family.equals("float") || family.equals("double") || family.equals("decimal");
    }

    public static boolean isTemporal(String sqlType) {
        String family = family(sqlType);
        return family.equals("timestamp") || family.equals("date");
    }

    static String family(String sqlType) {
        String type = sqlType.toLowerCase(java.util.Locale.ROOT);
        if (type.equals("string") || type.startsWith("varchar") || type.startsWith("char")) {
            return "string";
        }
        if (type.equals("bigint") || type.equals("int") || type.equals("smallint") || type.equals("tinyint")) {
            return "integral";
        }
        if (type.startsWith("decimal")) {
            return "decimal";
        }
        if (type.equals("timestamp") || type.equals("timestamp_ntz")) {
            return "timestamp";
        }
        return switch (type) {
            case "float", "double", "boolean", "date" -> type;
            default -> "unsupported";
        };
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static Long epochMillis(Object value) {
        if (value instanceof Timestamp t) {
            return t.getTime();
        }
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return null;
    }

    private static IllegalArgumentException mismatch(String field, String sqlType, Object value) {
        return new IllegalArgumentException("field '" + field + "': expected a " + sqlType + " value, got "
                + value.getClass().getSimpleName() + " '" + value + "' (has the field's type changed since the fit?)");
    }
}

package io.windrow.sql.parser;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Position;
import io.windrow.udf.type.SqlType;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The values of a parameterized query's {@code ?} placeholders, in order, each with its declared
 * type (OpenMLDB's parameterized queries: the parameter row has a schema). A placeholder is a
 * constant of its parameter's type, so the parser reads the i-th {@code ?} as that typed constant
 * and the rest of the engine sees an ordinary query. Values are in {@link SqlType}'s Java form
 * (Short, Integer, Long, Float, Double, Boolean, String, {@link Timestamp}, {@link Date}) or null.
 */
public record QueryParameters(List<SqlType> types, List<Object> values) {
    /** No parameters: a {@code ?} in the query is an error. */
    public static final QueryParameters NONE = new QueryParameters(List.of(), List.of());

    public QueryParameters {
        types = List.copyOf(requireNonNull(types, "types"));
        values = Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values")));
        if (types.size() != values.size()) {
            throw new IllegalArgumentException(types.size() + " parameter types for " + values.size() + " values");
        }
        for (int i = 0; i < types.size(); i++) {
            SqlType type = requireNonNull(types.get(i), "type");
            Object value = values.get(i);
            if (type == SqlType.NULL || type == SqlType.STRING_LIST) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " has type " + type.sqlName()
                        + "; parameters are bool, smallint, int, bigint, float, double, string, timestamp or date");
            }
            if (value != null && !javaClass(type).isInstance(value)) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " of type " + type.sqlName() + " has the value "
                        + value + " (" + value.getClass().getSimpleName() + ")");
            }
        }
    }

    /**
     * A parameter's value from its text in a config file: {@code true}/{@code false}, a number, any
     * string, a timestamp as epoch milliseconds, a date as {@code yyyy-MM-dd}; null stays null.
     *
     * @throws IllegalArgumentException naming the type when the text is not a value of it
     */
    public static Object parse(SqlType type, String text) {
        requireNonNull(type, "type");
        if (text == null) {
            return null;
        }
        try {
            return switch (type) {
                case BOOL -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new NumberFormatException();
                };
                case INT16 -> Short.valueOf(text.trim());
                case INT32 -> Integer.valueOf(text.trim());
                case INT64 -> Long.valueOf(text.trim());
                case FLOAT -> Float.valueOf(text.trim());
                case DOUBLE -> Double.valueOf(text.trim());
                case STRING -> text;
                case TIMESTAMP -> new Timestamp(Long.parseLong(text.trim()));
                case DATE -> Date.valueOf(text.trim());
                default -> throw new IllegalArgumentException("parameters are bool, smallint, int, bigint, float, "
                        + "double, string, timestamp or date, not " + type.sqlName());
            };
        } catch (NumberFormatException e) { // Date.valueOf throws IllegalArgumentException, its superclass
            throw new IllegalArgumentException("'" + text + "' is not a " + type.sqlName()
                    + (type == SqlType.TIMESTAMP ? " (give epoch milliseconds)" : type == SqlType.DATE
                    ? " (give yyyy-MM-dd)" : ""), e);
        } catch (IllegalArgumentException e) {
            if (type == SqlType.DATE) {
                throw new IllegalArgumentException("'" + text + "' is not a date (give yyyy-MM-dd)", e);
            }
            throw e;
        }
    }

    private static Class<?> javaClass(SqlType type) {
        return switch (type) {
            case BOOL -> Boolean.class;
            case INT16 -> Short.class;
            case INT32 -> Integer.class;
            case INT64 -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case STRING -> String.class;
            case TIMESTAMP -> Timestamp.class;
            case DATE -> Date.class;
            default -> Void.class;
        };
    }

    public int size() {
        return types.size();
    }

    /** The {@code index}-th (0-based) parameter as a constant expression of its type, at {@code position}. */
    Expr constant(int index, Position position) {
        SqlType type = types.get(index);
        Object value = values.get(index);
        return switch (type) {
            case TIMESTAMP -> new Expr.Cast(new Expr.Literal(value == null ? null : ((Timestamp) value).getTime(),
                    position), "timestamp", position);
            case DATE -> new Expr.Cast(new Expr.Literal(value == null ? null : value.toString(), position), "date",
                    position);
            default -> value == null ? new Expr.Cast(new Expr.Literal(null, position), type.sqlName(), position)
                    : new Expr.Literal(value, position);
        };
    }
}

package io.windrow.sql.exec;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ddl.SqlTypes;
import io.windrow.udf.support.ValueFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.windrow.sql.exec.Columns.col;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.*;

/**
 * Compiles bound expressions into Spark Columns with OpenMLDB's semantics: three-valued logic,
 * casts that return NULL where OpenMLDB does (never raise, even with ANSI mode on), division by
 * zero is NULL, and time functions evaluated in UTC+8 whatever the session zone is.
 */
public final class ExpressionCompiler {
    private static final Set<String> TIME_PARTS = Set.of("year", "month", "day", "dayofmonth", "hour", "minute",
            "second", "dayofweek", "dayofyear", "weekofyear", "week");
    private static final long DAY_MS = 86_400_000L;

    private final Dataset<Row> input;

    /** Compiles against {@code input}, whose schema gives the types casts and time functions need. */
    public ExpressionCompiler(Dataset<Row> input) {
        this.input = requireNonNull(input, "input");
    }

    public DataType typeOf(Column column) {
        return input.select(column).schema().fields()[0].dataType();
    }

    /**
     * The type of an expression; literals, columns and casts are typed without asking Spark's
     * analyzer (each analysis of a large plan costs time on the driver).
     */
    public DataType typeOf(Expr expr) {
        return typeOf(expr, null);
    }

    /**
     * The type of {@code expr} whose translation the caller already holds ({@code translated}, or
     * null to translate it here): typing a subexpression never translates it again, which nested
     * arithmetic would otherwise repeat at every level.
     */
    private DataType typeOf(Expr expr, Column translated) {
        if (expr instanceof Expr.BoundColumn column) {
            return input.schema().apply(column.internalName()).dataType();
        }
        if (expr instanceof Expr.Literal literal && literal.value() != null) {
            return literalType(literal.value());
        }
        if (expr instanceof Expr.Cast cast && SqlTypes.sparkType(cast.typeName()).isPresent()) {
            return SqlTypes.sparkType(cast.typeName()).get();
        }
        return analyzedType(expr, translated != null ? translated : translate(expr));
    }

    private static DataType literalType(Object value) {
        if (value instanceof Integer) {
            return DataTypes.IntegerType;
        } else if (value instanceof Long) {
            return DataTypes.LongType;
        } else if (value instanceof Double) {
            return DataTypes.DoubleType;
        } else if (value instanceof Float) {
            return DataTypes.FloatType;
        } else if (value instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        return DataTypes.StringType;
    }

    /** The expression as a Column, checked by Spark's analyzer (errors carry the expression's position). */
    public Column compile(Expr expr) {
        Column column = translate(expr);
        if (!(expr instanceof Expr.BoundColumn || expr instanceof Expr.Literal)) {
            analyzedType(expr, column);
        }
        return column;
    }

    /** Spark's type for the translation of {@code expr}; an expression Spark rejects is a user error at its position. */
    private DataType analyzedType(Expr expr, Column column) {
        try {
            return typeOf(column);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(expr.position() + ": cannot evaluate expression: " + firstLine(e), e);
        }
    }

    /** The expression as a Column, not yet checked: use {@link #select} to check many at once. */
    public Column column(Expr expr) {
        return translate(expr);
    }

    /**
     * {@code input.select(columns)} analyzed once; when Spark rejects it, the expressions are checked
     * one by one so the error names the offending one's position. {@code exprs[i]} made {@code columns[i]}
     * (null entries are internal columns).
     */
    public Dataset<Row> select(List<Column> columns, List<Expr> exprs) {
        try {
            return input.select(columns.toArray(new Column[0]));
        } catch (Exception e) {
            for (Expr expr : exprs) {
                if (expr != null) {
                    compile(expr);
                }
            }
            throw new IllegalArgumentException("cannot evaluate the select list: " + firstLine(e), e);
        }
    }

    /** Spark's analysis errors span many lines (the whole plan); the first one says what is wrong. */
    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
    }

    private Column translate(Expr expr) {
        if (expr instanceof Expr.Literal literal) {
            return literal.value() == null ? lit(null) : lit(literal.value());
        }
        if (expr instanceof Expr.BoundColumn column) {
            return col(column.internalName());
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary);
        }
        if (expr instanceof Expr.Unary unary) {
            Column operand = translate(unary.operand());
            return switch (unary.op()) {
                case "NOT" -> not(operand);
                case "-" -> negate(operand);
                case "~" -> bitwise_not(operand);
                default -> throw unsupported(expr, "operator " + unary.op());
            };
        }
        if (expr instanceof Expr.Case caseExpr) {
            Column operand = caseExpr.operand() == null ? null : translate(caseExpr.operand());
            Column result = null;
            for (Expr.When when : caseExpr.whens()) {
                Column condition = operand == null ? translate(when.condition()) : operand.equalTo(translate(when.condition()));
                result = result == null ? when(condition, translate(when.result()))
                        : result.when(condition, translate(when.result()));
            }
            return caseExpr.otherwise() == null ? result : result.otherwise(translate(caseExpr.otherwise()));
        }
        if (expr instanceof Expr.In in) {
            Column value = translate(in.value());
            Column result = null;
            for (Expr item : in.list()) {
                Column eq = value.equalTo(translate(item));
                result = result == null ? eq : result.or(eq);
            }
            return in.negated() ? not(result) : result;
        }
        if (expr instanceof Expr.Between between) {
            Column value = translate(between.value());
            Column result = value.geq(translate(between.low())).and(value.leq(translate(between.high())));
            return between.negated() ? not(result) : result;
        }
        if (expr instanceof Expr.Like like) {
            Column value = translate(like.value());
            Column result = like.caseInsensitive() ? value.ilike(patternText(like)) : value.like(patternText(like));
            return like.negated() ? not(result) : result;
        }
        if (expr instanceof Expr.IsNull isNull) {
            Column value = translate(isNull.value());
            return isNull.negated() ? value.isNotNull() : value.isNull();
        }
        if (expr instanceof Expr.Cast cast) {
            Column value = translate(cast.value());
            return cast(value, typeOf(cast.value(), value), cast.typeName(), cast);
        }
        if (expr instanceof Expr.Call call) {
            return call(call);
        }
        throw unsupported(expr, "expression");
    }

    private static String patternText(Expr.Like like) {
        if (like.pattern() instanceof Expr.Literal literal && literal.value() instanceof String text) {
            return text;
        }
        throw unsupported(like, "LIKE with a non-literal pattern");
    }

    private Column binary(Expr.Binary binary) {
        Column l = translate(binary.left());
        Column r = translate(binary.right());
        if (binary.op().equals("+") || binary.op().equals("-")) {
            Column shifted = timestampShift(binary, l, r);
            if (shifted != null) {
                return shifted;
            }
        }
        return switch (binary.op()) {
            case "+" -> l.plus(r);
            case "-" -> l.minus(r);
            case "*" -> l.multiply(r);
            case "/" -> try_divide(l, r);
            case "%" -> when(r.equalTo(lit(0)), lit(null)).otherwise(l.mod(r));
            case "DIV" -> when(r.equalTo(lit(0)), lit(null)).otherwise(l.divide(r).cast(DataTypes.LongType));
            case "=" -> l.equalTo(r);
            case "!=" -> l.notEqual(r);
            case "<" -> l.lt(r);
            case "<=" -> l.leq(r);
            case ">" -> l.gt(r);
            case ">=" -> l.geq(r);
            case "AND" -> l.and(r);
            case "OR" -> l.or(r);
            case "XOR" -> l.or(r).and(not(l.and(r)));
            default -> throw unsupported(binary, "operator " + binary.op());
        };
    }

    /**
     * OpenMLDB's {@code timestamp + integer} (either order) and {@code timestamp - integer}: the
     * integer is milliseconds and the result a timestamp. Spark has no such operator. Null when the
     * operands are not a timestamp and an integer.
     */
    private Column timestampShift(Expr.Binary binary, Column l, Column r) {
        DataType left = typeOf(binary.left(), l);
        DataType right = typeOf(binary.right(), r);
        if (left instanceof TimestampType && right instanceof IntegralType) {
            Column millis = r.cast(DataTypes.LongType);
            return timestamp_millis(binary.op().equals("+") ? unix_millis(l).plus(millis) : unix_millis(l).minus(millis));
        }
        if (binary.op().equals("+") && left instanceof IntegralType && right instanceof TimestampType) {
            return timestamp_millis(unix_millis(r).plus(l.cast(DataTypes.LongType)));
        }
        return null;
    }

    private Column call(Expr.Call call) {
        if (call.over() != null) {
            throw unsupported(call, "window function here");
        }
        String name = call.name();
        List<Column> args = new ArrayList<>();
        for (Expr arg : call.args()) {
            args.add(translate(arg));
        }
        if (TIME_PARTS.contains(name)) {
            requireArgs(call, 1);
            return timePart(name, args.get(0), typeOf(call.args().get(0), args.get(0)), call);
        }
        switch (name) {
            case "ifnull", "nvl", "coalesce":
                return coalesce(args.toArray(new Column[0]));
            case "if":
                requireArgs(call, 3);
                return when(args.get(0), args.get(1)).otherwise(args.get(2));
            case "nvl2":
                requireArgs(call, 3);
                return when(args.get(0).isNotNull(), args.get(1)).otherwise(args.get(2));
            case "concat":
                List<Column> strings = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    strings.add(asString(args.get(i), call.args().get(i)));
                }
                return concat(strings.toArray(new Column[0]));
            case "concat_ws":
                return concat_ws_columns(args, call.args());
            case "substr", "substring":
                return call_function("substring", args.toArray(new Column[0]));
            case "at", "lag":
                throw unsupported(call, name + "() outside a window aggregate's arguments needs OVER");
            default:
                return call_function(name, args.toArray(new Column[0]));
        }
    }

    private Column concat_ws_columns(List<Column> args, List<Expr> exprs) {
        Column separator = args.get(0);
        Column result = null;
        for (int i = 1; i < args.size(); i++) {
            Column s = asString(args.get(i), exprs.get(i));
            result = result == null ? s : concat(result, separator, s);
        }
        return result == null ? lit("") : result;
    }

    private Column asString(Column column, Expr expr) {
        DataType type = typeOf(expr, column);
        return type instanceof StringType ? column : castTo(column, type, "string");
    }

    /** A time part in UTC+8: date values use their calendar fields, timestamps and int64 ms the zone. */
    private Column timePart(String part, Column value, DataType type, Expr.Call call) {
        if (type instanceof DateType) {
            return switch (part) {
                case "year" -> year(value);
                case "month" -> month(value);
                case "day", "dayofmonth" -> dayofmonth(value);
                case "dayofweek" -> dayofweek(value);
                case "dayofyear" -> dayofyear(value);
                case "weekofyear", "week" -> weekofyear(value);
                default -> lit(0);
            };
        }
        Column millis = epochMillis(value, type, call);
        Column localMillis = millis.plus(lit(OpenMldbTime.OFFSET_MS));
        return switch (part) {
            case "dayofweek" -> pmod(floor(localMillis.divide(lit(DAY_MS))).plus(lit(4L)), lit(7L)).plus(lit(1L))
                    .cast(DataTypes.IntegerType);
            case "hour" -> pmod(floor(localMillis.divide(lit(3_600_000L))), lit(24L)).cast(DataTypes.IntegerType);
            case "minute" -> pmod(floor(localMillis.divide(lit(60_000L))), lit(60L)).cast(DataTypes.IntegerType);
            case "second" -> pmod(floor(localMillis.divide(lit(1000L))), lit(60L)).cast(DataTypes.IntegerType);
            default -> timePartUdf(part).apply(millis);
        };
    }

    private static UserDefinedFunction timePartUdf(String part) {
        return udf((UDF1<Long, Integer>) ms -> ms == null ? null : OpenMldbTime.part(part, ms), DataTypes.IntegerType);
    }

    /** Epoch milliseconds of a timestamp (or of an int64 that already is ms, as OpenMLDB reads it). */
    private Column epochMillis(Column value, DataType type, Expr at) {
        if (type instanceof TimestampType) {
            return unix_millis(value);
        }
        if (type instanceof TimestampNTZType) {
            return unix_millis(value.cast(DataTypes.TimestampType));
        }
        if (type instanceof NumericType) {
            return value.cast(DataTypes.LongType);
        }
        if (type instanceof StringType) {
            return udf((UDF1<String, Long>) OpenMldbTime::parse, DataTypes.LongType).apply(value);
        }
        throw unsupported(at, "a time function on " + SqlTypes.name(type));
    }

    private Column cast(Column value, DataType source, String typeName, Expr at) {
        try {
            return castTo(value, source, typeName);
        } catch (IllegalArgumentException e) {
            throw unsupported(at, e.getMessage());
        }
    }

    private Column castTo(Column value, DataType source, String typeName) {
        DataType target = SqlTypes.sparkType(typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown type " + typeName));
        boolean timestampSource = source instanceof TimestampType || source instanceof TimestampNTZType;
        if (target.equals(DataTypes.TimestampType)) {
            if (source instanceof NumericType) {
                return timestamp_millis(value.cast(DataTypes.LongType));
            }
            if (source instanceof StringType) {
                return timestamp_millis(udf((UDF1<String, Long>) OpenMldbTime::parse, DataTypes.LongType).apply(value));
            }
            if (source instanceof DateType) {
                return timestamp_millis(unix_date(value).cast(DataTypes.LongType).multiply(lit(DAY_MS))
                        .minus(lit(OpenMldbTime.OFFSET_MS)));
            }
            return value.try_cast(target);
        }
        if (timestampSource && target instanceof NumericType) {
            return unix_millis(value.cast(DataTypes.TimestampType)).try_cast(target);
        }
        if (timestampSource && target.equals(DataTypes.StringType)) {
            return udf((UDF1<Long, String>) ms -> ms == null ? null : OpenMldbTime.format(ms), DataTypes.StringType)
                    .apply(unix_millis(value.cast(DataTypes.TimestampType)));
        }
        if (timestampSource && target.equals(DataTypes.DateType)) {
            return date_from_unix_date(floor(unix_millis(value.cast(DataTypes.TimestampType))
                    .plus(lit(OpenMldbTime.OFFSET_MS)).divide(lit(DAY_MS))).cast(DataTypes.IntegerType));
        }
        if ((source instanceof FloatType || source instanceof DoubleType) && target.equals(DataTypes.StringType)) {
            return udf((UDF1<Double, String>) d -> d == null ? null : ValueFormat.formatGeneral(d), DataTypes.StringType)
                    .apply(value.cast(DataTypes.DoubleType));
        }
        if (source instanceof org.apache.spark.sql.types.BooleanType && target instanceof NumericType) {
            return when(value, lit(1)).when(not(value), lit(0)).cast(target);
        }
        return value.try_cast(target);
    }

    private static void requireArgs(Expr.Call call, int count) {
        if (call.args().size() != count) {
            throw new IllegalArgumentException(call.position() + ": " + call.name() + " takes " + count
                    + " argument(s) near '" + call.name() + "'");
        }
    }

    private static IllegalArgumentException unsupported(Expr expr, String what) {
        return new IllegalArgumentException(expr.position() + ": unsupported " + what + " near '"
                + describe(expr) + "'");
    }

    static String describe(Expr expr) {
        if (expr instanceof Expr.Call call) {
            return call.name();
        }
        if (expr instanceof Expr.BoundColumn column) {
            return column.display();
        }
        if (expr instanceof Expr.Binary binary) {
            return binary.op();
        }
        return expr.getClass().getSimpleName().toLowerCase();
    }
}

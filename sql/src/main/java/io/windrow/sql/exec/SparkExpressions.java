package io.windrow.sql.exec;

import io.windrow.sql.analyzer.ArithmeticOp;
import io.windrow.sql.analyzer.ComparisonOp;
import io.windrow.sql.analyzer.Expression;
import io.windrow.udf.scalar.BoundFunction;
import io.windrow.udf.scalar.SparkNative;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.bitwise_not;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.ilike;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * Translates typed expressions to Spark columns. The analyzer has already made every conversion an
 * explicit cast, so the translation never asks Spark's analyzer for a type; OpenMLDB's semantics
 * that Spark lacks (NULL on division by zero, timestamp arithmetic in milliseconds, casts in UTC+8)
 * are spelled out. A column reference reads the internal column of its id; on a single row the
 * current row is that row, so {@link Expression.CurrentRow} reads the column too.
 */
public final class SparkExpressions implements Expression.Visitor<Column> {
    private static final SparkExpressions INSTANCE = new SparkExpressions();

    private SparkExpressions() {}

    public static Column column(Expression expr) {
        return expr.accept(INSTANCE);
    }

    @Override
    public Column literal(Expression.Literal literal) {
        return literal.value() == null ? lit(null).cast(literal.type().sparkType())
                : lit(literal.value()).cast(literal.type().sparkType());
    }

    @Override
    public Column column(Expression.ColumnRef column) {
        return col(column.id());
    }

    @Override
    public Column currentRow(Expression.CurrentRow currentRow) {
        return col(currentRow.column().id());
    }

    @Override
    public Column arithmetic(Expression.Arithmetic arithmetic) {
        Column l = arithmetic.left().accept(this);
        Column r = arithmetic.right().accept(this);
        if (arithmetic.type() == SqlType.TIMESTAMP) {
            Column lm = millis(l, arithmetic.left().type());
            Column rm = millis(r, arithmetic.right().type());
            return timestamp_millis(switch (arithmetic.op()) {
                case ADD -> lm.plus(rm);
                case SUBTRACT -> lm.minus(rm);
                default -> throw new IllegalStateException("timestamp " + arithmetic.op());
            });
        }
        SqlType type = arithmetic.type();
        if ((type == SqlType.INT16 || type == SqlType.INT32) && (arithmetic.op() == ArithmeticOp.ADD
                || arithmetic.op() == ArithmeticOp.SUBTRACT || arithmetic.op() == ArithmeticOp.MULTIPLY)) {
            return wrapped(arithmetic.op(), l.cast(DataTypes.LongType), r.cast(DataTypes.LongType), type);
        }
        Column zero = lit(0).cast(arithmetic.right().type().sparkType());
        Column result = switch (arithmetic.op()) {
            case ADD -> l.plus(r);
            case SUBTRACT -> l.minus(r);
            case MULTIPLY -> l.multiply(r);
            case DIVIDE -> try_divide(l, r);
            case MODULO -> when(r.equalTo(zero), lit(null)).otherwise(l.mod(r));
            case INTEGER_DIVIDE -> when(r.equalTo(zero), lit(null)).otherwise(call_function("div", l, r));
            case BIT_AND -> l.bitwiseAND(r);
            case BIT_OR -> l.bitwiseOR(r);
            case BIT_XOR -> l.bitwiseXOR(r);
        };
        // Spark widens some results (div gives bigint); the plan's type is the contract.
        return result.cast(arithmetic.type().sparkType());
    }

    /**
     * int16/int32 arithmetic wraps around on overflow, as in OpenMLDB (and Java): computed exactly in
     * int64, then reduced to the type's range (Spark's ANSI mode would fail the query instead).
     */
    private static Column wrapped(ArithmeticOp op, Column l, Column r, SqlType type) {
        Column exact = switch (op) {
            case ADD -> l.plus(r);
            case SUBTRACT -> l.minus(r);
            default -> l.multiply(r);
        };
        long half = type == SqlType.INT16 ? 1L << 15 : 1L << 31;
        return pmod(exact.plus(lit(half)), lit(2 * half)).minus(lit(half)).cast(type.sparkType());
    }

    private static Column millis(Column value, SqlType type) {
        return type == SqlType.TIMESTAMP ? unix_millis(value) : value;
    }

    @Override
    public Column comparison(Expression.Comparison comparison) {
        Column l = comparison.left().accept(this);
        Column r = comparison.right().accept(this);
        ComparisonOp op = comparison.op();
        return switch (op) {
            case EQUAL -> l.equalTo(r);
            case NOT_EQUAL -> l.notEqual(r);
            case LESS -> l.lt(r);
            case LESS_OR_EQUAL -> l.leq(r);
            case GREATER -> l.gt(r);
            case GREATER_OR_EQUAL -> l.geq(r);
        };
    }

    @Override
    public Column logical(Expression.Logical logical) {
        Column l = logical.left().accept(this);
        Column r = logical.right().accept(this);
        return switch (logical.op()) {
            case AND -> l.and(r);
            case OR -> l.or(r);
            case XOR -> l.or(r).and(functions.not(l.and(r)));
        };
    }

    @Override
    public Column not(Expression.Not not) {
        return functions.not(not.operand().accept(this));
    }

    @Override
    public Column negate(Expression.Negate negate) {
        Column operand = negate.operand().accept(this);
        return (negate.bitwise() ? bitwise_not(operand) : functions.negate(operand)).cast(negate.type().sparkType());
    }

    @Override
    public Column isNull(Expression.IsNull isNull) {
        Column operand = isNull.operand().accept(this);
        return isNull.negated() ? operand.isNotNull() : operand.isNull();
    }

    @Override
    public Column caseWhen(Expression.Case caseWhen) {
        Column result = null;
        for (Expression.WhenThen when : caseWhen.whens()) {
            Column condition = when.condition().accept(this);
            Column value = when.result().accept(this);
            result = result == null ? when(condition, value) : result.when(condition, value);
        }
        return result.otherwise(caseWhen.otherwise().accept(this));
    }

    @Override
    public Column in(Expression.In in) {
        Column value = in.value().accept(this);
        Column result = lit(false);
        for (Expression item : in.list()) {
            result = result.or(value.equalTo(item.accept(this)));
        }
        return in.negated() ? functions.not(result) : result;
    }

    @Override
    public Column like(Expression.Like like) {
        Column value = like.value().accept(this);
        Column result;
        if (like.pattern() instanceof Expression.Literal literal && literal.value() instanceof String pattern
                && LikePatterns.sparkReadsAlike(pattern, like.escape())) {
            Column patternColumn = lit(pattern);
            Column escape = lit(like.escape());
            result = like.caseInsensitive() ? ilike(value, patternColumn, escape)
                    : functions.like(value, patternColumn, escape);
        } else {
            String escape = like.escape();
            boolean caseInsensitive = like.caseInsensitive();
            result = udf((UDF2<String, String, Boolean>) (v, p) -> LikePatterns.matches(v, p, escape, caseInsensitive),
                    DataTypes.BooleanType).apply(value, like.pattern().accept(this));
        }
        return like.negated() ? functions.not(result) : result;
    }

    @Override
    public Column cast(Expression.Cast cast) {
        return Casts.spark(cast.operand().accept(this), cast.operand().type(), cast.type());
    }

    @Override
    public Column call(Expression.Call call) {
        List<Column> args = new ArrayList<>();
        for (Expression arg : call.args()) {
            args.add(arg.accept(this));
        }
        BoundFunction function = call.function();
        if (function instanceof SparkNative nativeForm) {
            return nativeForm.toSpark(args);
        }
        return rowLevel(function, args);
    }

    /**
     * A bound function Spark has no equivalent of, called row by row: the arguments travel as one
     * struct, whose fields Spark hands over in {@link SqlType}'s Java representation.
     */
    private static Column rowLevel(BoundFunction function, List<Column> args) {
        if (args.isEmpty()) {
            return udf((UDF0<Object>) () -> function.apply(new Object[0]), function.resultType().sparkType()).apply();
        }
        boolean nullInNullOut = function.nullInNullOut();
        UDF1<Row, Object> body = row -> {
            Object[] values = new Object[row.length()];
            for (int i = 0; i < values.length; i++) {
                // a list (array<string>) arrives as a Scala Seq; SqlType's Java form is java.util.List
                values[i] = row.isNullAt(i) ? null : row.get(i) instanceof scala.collection.Seq<?> ? row.getList(i)
                        : row.get(i);
                if (values[i] == null && nullInNullOut) {
                    return null;
                }
            }
            return function.apply(values);
        };
        return udf(body, function.resultType().sparkType()).apply(struct(args.toArray(new Column[0])));
    }
}

package io.windrow.sql.analyzer;

import io.windrow.sql.SqlException;
import io.windrow.sql.ast.Expr;
import io.windrow.udf.scalar.BoundFunction;
import io.windrow.udf.scalar.Conversions;
import io.windrow.udf.scalar.ScalarCatalog;
import io.windrow.udf.scalar.ScalarFunction;
import io.windrow.udf.type.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Types one name-resolved expression (columns are {@link Expr.BoundColumn}s) into an
 * {@link Expression} with OpenMLDB's rules ({@link TypeRules}): implicit conversions become explicit
 * {@link Expression.Cast} nodes, scalar calls are bound through the {@link ScalarCatalog}, and
 * whatever OpenMLDB rejects is a {@link SqlException} naming the line:column, the text and what
 * would be accepted.
 */
public final class ExpressionAnalyzer {
    /** Window functions that read a row by position; {@code at(col, 0)} is the current row's value. */
    public static final List<String> NAVIGATION_FUNCTIONS = List.of("at", "lag");

    private final Function<String, SqlType> columnTypes;
    private final ScalarCatalog scalars;
    private final Predicate<String> isWindowFunction;
    private final boolean currentRowReads;

    /**
     * @param columnTypes the type of each internal column id in scope
     * @param isWindowFunction whether a name is a window (aggregate or navigation) function, for messages
     * @param currentRowReads whether {@code at(col, 0)} may read the current row (inside a window
     *     aggregate's arguments)
     */
    public ExpressionAnalyzer(Function<String, SqlType> columnTypes, ScalarCatalog scalars,
            Predicate<String> isWindowFunction, boolean currentRowReads) {
        this.columnTypes = requireNonNull(columnTypes, "columnTypes");
        this.scalars = requireNonNull(scalars, "scalars");
        this.isWindowFunction = requireNonNull(isWindowFunction, "isWindowFunction");
        this.currentRowReads = currentRowReads;
    }

    public Expression analyze(Expr expr) {
        requireNonNull(expr, "expr");
        if (expr instanceof Expr.Literal literal) {
            return literal(literal);
        }
        if (expr instanceof Expr.BoundColumn column) {
            return new Expression.ColumnRef(column.internalName(), column.display(),
                    requireNonNull(columnTypes.apply(column.internalName()), column.internalName()));
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary);
        }
        if (expr instanceof Expr.Unary unary) {
            return unary(unary);
        }
        if (expr instanceof Expr.Case caseExpr) {
            return caseWhen(caseExpr);
        }
        if (expr instanceof Expr.In in) {
            return in(in);
        }
        if (expr instanceof Expr.Between between) {
            Expression value = analyze(between.value());
            Expression range = new Expression.Logical(LogicalOp.AND,
                    comparison(ComparisonOp.GREATER_OR_EQUAL, value, analyze(between.low()), between),
                    comparison(ComparisonOp.LESS_OR_EQUAL, value, analyze(between.high()), between));
            return between.negated() ? new Expression.Not(range) : range;
        }
        if (expr instanceof Expr.Like like) {
            return like(like);
        }
        if (expr instanceof Expr.IsNull isNull) {
            return new Expression.IsNull(analyze(isNull.value()), isNull.negated());
        }
        if (expr instanceof Expr.Cast cast) {
            return cast(cast);
        }
        if (expr instanceof Expr.Call call) {
            return call(call);
        }
        if (expr instanceof Expr.Star star) {
            throw error(star, "* is only allowed in a select list or as the argument of an aggregate");
        }
        throw new IllegalStateException("unresolved column reaches the analyzer: " + expr);
    }

    /** {@code expr} converted to {@code type}: itself, a typed NULL, or a Cast node. */
    public static Expression convert(Expression expr, SqlType type) {
        if (expr.type() == type) {
            return expr;
        }
        if (expr instanceof Expression.Literal literal && literal.value() == null) {
            return new Expression.Literal(null, type);
        }
        return new Expression.Cast(expr, type);
    }

    /** The type of a constant in its Java representation (null: NULL). */
    public static SqlType typeOf(Object value) {
        if (value == null) {
            return SqlType.NULL;
        } else if (value instanceof Boolean) {
            return SqlType.BOOL;
        } else if (value instanceof Short) {
            return SqlType.INT16;
        } else if (value instanceof Integer) {
            return SqlType.INT32;
        } else if (value instanceof Long) {
            return SqlType.INT64;
        } else if (value instanceof Float) {
            return SqlType.FLOAT;
        } else if (value instanceof Double) {
            return SqlType.DOUBLE;
        } else if (value instanceof String) {
            return SqlType.STRING;
        }
        throw new IllegalArgumentException("no SQL type for a literal of " + value.getClass().getName());
    }

    private static Expression literal(Expr.Literal literal) {
        return new Expression.Literal(literal.value(), typeOf(literal.value()));
    }

    private Expression binary(Expr.Binary binary) {
        Expression left = analyze(binary.left());
        Expression right = analyze(binary.right());
        return switch (binary.op()) {
            case "+" -> arithmetic(ArithmeticOp.ADD, left, right, binary);
            case "-" -> arithmetic(ArithmeticOp.SUBTRACT, left, right, binary);
            case "*" -> arithmetic(ArithmeticOp.MULTIPLY, left, right, binary);
            case "/" -> arithmetic(ArithmeticOp.DIVIDE, left, right, binary);
            case "%" -> arithmetic(ArithmeticOp.MODULO, left, right, binary);
            case "DIV" -> arithmetic(ArithmeticOp.INTEGER_DIVIDE, left, right, binary);
            case "&" -> arithmetic(ArithmeticOp.BIT_AND, left, right, binary);
            case "|" -> arithmetic(ArithmeticOp.BIT_OR, left, right, binary);
            case "^" -> arithmetic(ArithmeticOp.BIT_XOR, left, right, binary);
            case "=" -> comparison(ComparisonOp.EQUAL, left, right, binary);
            case "!=" -> comparison(ComparisonOp.NOT_EQUAL, left, right, binary);
            case "<" -> comparison(ComparisonOp.LESS, left, right, binary);
            case "<=" -> comparison(ComparisonOp.LESS_OR_EQUAL, left, right, binary);
            case ">" -> comparison(ComparisonOp.GREATER, left, right, binary);
            case ">=" -> comparison(ComparisonOp.GREATER_OR_EQUAL, left, right, binary);
            case "AND" -> logical(LogicalOp.AND, left, right, binary);
            case "OR" -> logical(LogicalOp.OR, left, right, binary);
            case "XOR" -> logical(LogicalOp.XOR, left, right, binary);
            default -> throw error(binary, "unsupported operator " + binary.op());
        };
    }

    private Expression arithmetic(ArithmeticOp op, Expression left, Expression right, Expr.Binary at) {
        SqlType type = TypeRules.arithmetic(op, left.type(), right.type()).orElseThrow(() -> error(at,
                "operator " + op.symbol() + " does not apply to " + left.type().sqlName() + " and "
                        + right.type().sqlName() + "; it takes " + TypeRules.accepted(op)));
        if (type == SqlType.NULL) {
            return new Expression.Literal(null, SqlType.NULL);
        }
        if (type == SqlType.BOOL) {
            // OpenMLDB computes bool arithmetic in 1-bit integers (true + true is false): no user wants that.
            throw error(at, "arithmetic on two bool values is not supported; convert one to int first");
        }
        if (op == ArithmeticOp.DIVIDE) {
            return new Expression.Arithmetic(op, convert(left, SqlType.DOUBLE), convert(right, SqlType.DOUBLE), type);
        }
        if (type == SqlType.TIMESTAMP) {
            return new Expression.Arithmetic(op, timestampOperand(left), timestampOperand(right), type);
        }
        return new Expression.Arithmetic(op, convert(left, type), convert(right, type), type);
    }

    /** In timestamp arithmetic a timestamp stays one and an integer is milliseconds (INT64). */
    private static Expression timestampOperand(Expression operand) {
        return operand.type() == SqlType.TIMESTAMP ? operand : convert(operand, SqlType.INT64);
    }

    private static Expression comparison(ComparisonOp op, Expression left, Expression right, Expr at) {
        SqlType type = TypeRules.comparison(left.type(), right.type()).orElseThrow(() -> error(at,
                "cannot compare " + left.type().sqlName() + " with " + right.type().sqlName() + "; comparable are "
                        + TypeRules.COMPARABLE));
        if (type == SqlType.NULL) {
            return new Expression.Literal(null, SqlType.BOOL);
        }
        return new Expression.Comparison(op, convert(left, type), convert(right, type));
    }

    private static Expression logical(LogicalOp op, Expression left, Expression right, Expr.Binary at) {
        for (Expression side : List.of(left, right)) {
            if (!TypeRules.castAccepted(side.type(), SqlType.BOOL)) {
                throw error(at, op + " does not apply to " + side.type().sqlName() + "; it takes values of the base types");
            }
        }
        return new Expression.Logical(op, convert(left, SqlType.BOOL), convert(right, SqlType.BOOL));
    }

    private Expression unary(Expr.Unary unary) {
        Expression operand = analyze(unary.operand());
        SqlType type = operand.type();
        switch (unary.op()) {
            case "NOT":
                if (!TypeRules.castAccepted(type, SqlType.BOOL)) {
                    throw error(unary, "NOT does not apply to " + type.sqlName());
                }
                return new Expression.Not(convert(operand, SqlType.BOOL));
            case "-":
                if (type == SqlType.NULL) {
                    return operand;
                }
                if (type == SqlType.BOOL) {
                    // OpenMLDB negates a bool as a 1-bit integer: -x is x (test_arithmetic 15)
                    return operand;
                }
                if (!type.isNumeric()) {
                    throw error(unary, "unary minus does not apply to " + type.sqlName()
                            + "; it takes int16, int32, int64, float or double");
                }
                return new Expression.Negate(operand, false);
            case "~":
                if (type == SqlType.NULL) {
                    // OpenMLDB types ~NULL as bool (test_arithmetic "bitwise_const_null_operands")
                    return new Expression.Literal(null, SqlType.BOOL);
                }
                if (!type.isIntegral()) {
                    throw error(unary, "~ does not apply to " + type.sqlName() + "; it takes int16, int32 or int64");
                }
                return new Expression.Negate(operand, true);
            default:
                throw error(unary, "unsupported operator " + unary.op());
        }
    }

    private Expression caseWhen(Expr.Case caseExpr) {
        Expression operand = caseExpr.operand() == null ? null : analyze(caseExpr.operand());
        List<Expression> conditions = new ArrayList<>();
        List<Expression> results = new ArrayList<>();
        SqlType type = SqlType.NULL;
        for (Expr.When when : caseExpr.whens()) {
            Expression condition = analyze(when.condition());
            if (operand != null) {
                condition = comparison(ComparisonOp.EQUAL, operand, condition, when.condition());
            } else if (condition.type() != SqlType.BOOL && condition.type() != SqlType.NULL) {
                throw error(when.condition(), "a WHEN condition must be bool, not " + condition.type().sqlName());
            }
            conditions.add(convert(condition, SqlType.BOOL));
            Expression result = analyze(when.result());
            type = unify(type, result, when.result());
            results.add(result);
        }
        Expression otherwise = caseExpr.otherwise() == null ? new Expression.Literal(null, SqlType.NULL)
                : analyze(caseExpr.otherwise());
        if (caseExpr.otherwise() != null) {
            type = unify(type, otherwise, caseExpr.otherwise());
        }
        List<Expression.WhenThen> whens = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            whens.add(new Expression.WhenThen(conditions.get(i), convert(results.get(i), type)));
        }
        return new Expression.Case(whens, convert(otherwise, type), type);
    }

    /** OpenMLDB's common type of values meeting in one result, shared with ifnull/nvl2 ({@link Conversions}). */
    private static SqlType unify(SqlType type, Expression result, Expr at) {
        return Conversions.common(type, result.type()).orElseThrow(() -> error(at, "the results of a CASE "
                + "have types " + type.sqlName() + " and " + result.type().sqlName()
                + "; they must be numbers, strings, or of one type"));
    }

    private Expression in(Expr.In in) {
        Expression value = analyze(in.value());
        List<Expression> items = new ArrayList<>();
        SqlType type = value.type();
        for (Expr item : in.list()) {
            Expression analyzed = analyze(item);
            SqlType before = type;
            type = TypeRules.comparison(type, analyzed.type()).orElseThrow(() -> error(item, "IN compares "
                    + before.sqlName() + " with " + analyzed.type().sqlName() + "; comparable are "
                    + TypeRules.COMPARABLE));
            items.add(analyzed);
        }
        SqlType common = type;
        return new Expression.In(convert(value, common), items.stream().map(i -> convert(i, common)).toList(),
                in.negated());
    }

    private Expression like(Expr.Like like) {
        Expression value = analyze(like.value());
        Expression pattern = analyze(like.pattern());
        String what = like.caseInsensitive() ? "ILIKE" : "LIKE";
        if (value.type() != SqlType.STRING && value.type() != SqlType.NULL) {
            throw error(like, what + " matches strings, not " + value.type().sqlName());
        }
        if (pattern.type() != SqlType.STRING) {
            // OpenMLDB rejects a NULL pattern outright (test_like "使用null").
            throw error(like, "the pattern of " + what + " must be a string, not " + pattern.type().sqlName());
        }
        String escape = "\\";
        if (like.escape() != null) {
            if (!(like.escape() instanceof Expr.Literal literal) || !(literal.value() instanceof String text)
                    || text.length() > 1) {
                throw error(like.escape(), "the ESCAPE of " + what + " must be a string of one character, "
                        + "or '' for none");
            }
            escape = text;
        }
        return new Expression.Like(convert(value, SqlType.STRING), convert(pattern, SqlType.STRING), escape,
                like.caseInsensitive(), like.negated());
    }

    private Expression cast(Expr.Cast cast) {
        SqlType target = SqlType.named(cast.typeName()).filter(t -> t != SqlType.NULL).orElseThrow(() -> error(cast,
                "unknown type " + cast.typeName() + "; the types are bool, smallint, int, bigint, float, double, "
                        + "string, timestamp, date"));
        Expression operand = analyze(cast.value());
        if (!TypeRules.castAccepted(operand.type(), target)) {
            throw error(cast, "cannot cast " + operand.type().sqlName() + " to " + target.sqlName()
                    + " (dates and numbers do not convert into each other)");
        }
        return convert(operand, target);
    }

    private Expression call(Expr.Call call) {
        String name = call.name().toLowerCase(Locale.ROOT);
        if (call.over() != null) {
            throw error(call, "window function " + name + " is not allowed here");
        }
        if (NAVIGATION_FUNCTIONS.contains(name) && (currentRowReads || scalars.lookup(name).isEmpty())) {
            return currentRowRead(call);
        }
        Optional<ScalarFunction> function = scalars.lookup(name);
        if (function.isEmpty()) {
            if (isWindowFunction.test(name)) {
                throw error(call, "aggregate function " + name + " needs OVER here");
            }
            throw error(call, "unknown function '" + name + "'");
        }
        List<Expression> args = new ArrayList<>();
        for (Expr arg : call.args()) {
            args.add(analyze(arg));
        }
        BoundFunction bound;
        try {
            bound = function.get().bind(args.stream().map(Expression::type).toList());
        } catch (IllegalArgumentException e) {
            throw error(call, e.getMessage());
        }
        List<SqlType> parameters = bound.parameterTypes();
        if (parameters.size() != args.size()) {
            throw new IllegalStateException(name + " bound " + parameters.size() + " parameters for "
                    + args.size() + " arguments");
        }
        List<Expression> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            converted.add(convert(args.get(i), parameters.get(i)));
        }
        return new Expression.Call(function.get().name(), bound, converted);
    }

    /** {@code at(col, 0)} inside a window aggregate's arguments: the current row's value. */
    private Expression currentRowRead(Expr.Call call) {
        if (!currentRowReads) {
            throw error(call, call.name() + "() needs OVER outside the arguments of a window aggregate");
        }
        if (call.args().size() != 2 || !(call.args().get(0) instanceof Expr.BoundColumn column)
                || !(call.args().get(1) instanceof Expr.Literal offset) || !Objects.equals(offset.value(), 0)) {
            throw error(call, "inside an aggregate's arguments only " + call.name()
                    + "(column, 0) (the current row's value) is supported");
        }
        return new Expression.CurrentRow((Expression.ColumnRef) analyze(column));
    }

    static SqlException error(Expr at, String message) {
        return new SqlException(at.position(), SourceText.of(at), message);
    }
}

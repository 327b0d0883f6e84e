package io.windrow.sql.exec;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.plan.Planner;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An aggregate argument evaluated in Java for each row of a frame, for arguments that read the
 * current row ({@code count_where(x, x = at(x, 0))}): {@code at(col, 0)} reads the current row (a column
 * of the row, or the result of an aggregate nested in the argument), any other column the frame row.
 * Supports literals, columns, arithmetic, comparisons, AND/OR/NOT, IS NULL, ifnull/nvl/coalesce and
 * CASE, with SQL's three-valued logic.
 */
@FunctionalInterface
public interface RowExpression extends Serializable {
    /** Functions that return their first non-NULL argument. */
    Set<String> NULL_DEFAULTS = Set.of("ifnull", "nvl", "coalesce");

    Object eval(Object[] frameRow, Object[] currentRow);

    /** Compiles {@code expr}; {@code slots} maps internal column ids to value-array indexes. */
    static RowExpression compile(Expr expr, Map<String, Integer> slots) {
        if (expr instanceof Expr.Literal literal) {
            Object value = literal.value();
            return (f, c) -> value;
        }
        if (expr instanceof Expr.BoundColumn column) {
            int slot = slots.get(column.internalName());
            return (f, c) -> f[slot];
        }
        if (expr instanceof Expr.Call call && Planner.NAVIGATION_FUNCTIONS.contains(call.name()) && call.over() == null) {
            if (call.args().size() != 2 || !(call.args().get(0) instanceof Expr.BoundColumn column)
                    || !(call.args().get(1) instanceof Expr.Literal offset) || !Objects.equals(offset.value(), 0)) {
                throw new IllegalArgumentException(call.position() + ": inside an aggregate only " + call.name()
                        + "(column, 0) (the current row's value) is supported near '" + call.name() + "'");
            }
            int slot = slots.get(column.internalName());
            return (f, c) -> c[slot];
        }
        if (expr instanceof Expr.Call call && call.over() == null && NULL_DEFAULTS.contains(call.name())) {
            List<RowExpression> args = call.args().stream().map(a -> compile(a, slots)).toList();
            return (f, c) -> {
                for (RowExpression arg : args) {
                    Object value = arg.eval(f, c);
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            };
        }
        if (expr instanceof Expr.IsNull isNull) {
            RowExpression value = compile(isNull.value(), slots);
            boolean negated = isNull.negated();
            return (f, c) -> (value.eval(f, c) == null) != negated;
        }
        if (expr instanceof Expr.Unary unary) {
            RowExpression operand = compile(unary.operand(), slots);
            return switch (unary.op()) {
                case "NOT" -> (f, c) -> {
                    Object v = operand.eval(f, c);
                    return v == null ? null : !(Boolean) v;
                };
                case "-" -> (f, c) -> {
                    Object v = operand.eval(f, c);
                    return v == null ? null : negate((Number) v);
                };
                default -> throw unsupported(expr);
            };
        }
        if (expr instanceof Expr.Case caseExpr && caseExpr.operand() == null) {
            List<RowExpression> conditions = caseExpr.whens().stream().map(w -> compile(w.condition(), slots)).toList();
            List<RowExpression> results = caseExpr.whens().stream().map(w -> compile(w.result(), slots)).toList();
            RowExpression otherwise = caseExpr.otherwise() == null ? (f, c) -> null : compile(caseExpr.otherwise(), slots);
            return (f, c) -> {
                for (int i = 0; i < conditions.size(); i++) {
                    if (Boolean.TRUE.equals(conditions.get(i).eval(f, c))) {
                        return results.get(i).eval(f, c);
                    }
                }
                return otherwise.eval(f, c);
            };
        }
        if (expr instanceof Expr.Binary binary) {
            RowExpression l = compile(binary.left(), slots);
            RowExpression r = compile(binary.right(), slots);
            return switch (binary.op()) {
                case "AND" -> (f, c) -> {
                    Object a = l.eval(f, c);
                    if (Boolean.FALSE.equals(a)) {
                        return false;
                    }
                    Object b = r.eval(f, c);
                    if (Boolean.FALSE.equals(b)) {
                        return false;
                    }
                    return a == null || b == null ? null : true;
                };
                case "OR" -> (f, c) -> {
                    Object a = l.eval(f, c);
                    if (Boolean.TRUE.equals(a)) {
                        return true;
                    }
                    Object b = r.eval(f, c);
                    if (Boolean.TRUE.equals(b)) {
                        return true;
                    }
                    return a == null || b == null ? null : false;
                };
                case "=", "!=", "<", "<=", ">", ">=" -> {
                    String op = binary.op();
                    yield (f, c) -> {
                        Object a = l.eval(f, c);
                        Object b = r.eval(f, c);
                        if (a == null || b == null) {
                            return null;
                        }
                        int cmp = compare(a, b);
                        return switch (op) {
                            case "=" -> cmp == 0;
                            case "!=" -> cmp != 0;
                            case "<" -> cmp < 0;
                            case "<=" -> cmp <= 0;
                            case ">" -> cmp > 0;
                            default -> cmp >= 0;
                        };
                    };
                }
                case "+", "-", "*", "/" -> {
                    String op = binary.op();
                    yield (f, c) -> {
                        Object a = l.eval(f, c);
                        Object b = r.eval(f, c);
                        if (a == null || b == null) {
                            return null;
                        }
                        return arithmetic(op, (Number) a, (Number) b);
                    };
                }
                default -> throw unsupported(expr);
            };
        }
        throw unsupported(expr);
    }

    private static Object negate(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return -n.doubleValue();
        }
        return -n.longValue();
    }

    private static Object arithmetic(String op, Number a, Number b) {
        boolean integral = !(a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float);
        if (op.equals("/")) {
            return b.doubleValue() == 0 ? null : a.doubleValue() / b.doubleValue();
        }
        if (integral) {
            long x = a.longValue();
            long y = b.longValue();
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                default -> x * y;
            };
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            default -> x * y;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            boolean integral = !(x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float);
            return integral ? Long.compare(x.longValue(), y.longValue()) : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static IllegalArgumentException unsupported(Expr expr) {
        return new IllegalArgumentException(expr.position() + ": unsupported expression in an aggregate argument"
                + " that reads the current row near '" + ExpressionCompiler.describe(expr) + "'");
    }
}

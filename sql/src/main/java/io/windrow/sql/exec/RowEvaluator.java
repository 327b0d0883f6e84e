package io.windrow.sql.exec;

import io.windrow.sql.analyzer.Expression;
import io.windrow.udf.scalar.BoundFunction;
import io.windrow.udf.type.SqlType;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A typed expression evaluated in Java on one row of a window frame, for the arguments of window
 * aggregates that read the current row ({@code count_where(x, x = at(x, 0))}): a column reads the
 * frame row, {@link Expression.CurrentRow} the current row. The same semantics as the Spark
 * translation ({@link SparkExpressions}): the analyzer's types decide each operator's arithmetic
 * when the expression is compiled, so evaluation does no type dispatch per row; casts are
 * {@link Casts#java}, scalar calls {@link BoundFunction#apply}.
 */
@FunctionalInterface
public interface RowEvaluator extends Serializable {
    Object eval(Object[] frameRow, Object[] currentRow);

    /** Compiles {@code expr}; {@code slots} gives the value-array index of each column id. */
    static RowEvaluator compile(Expression expr, ToIntFunction<String> slots) {
        return expr.accept(new Compiler(slots));
    }

    /** Builds the evaluator tree, one lambda per node. */
    final class Compiler implements Expression.Visitor<RowEvaluator> {
        private final ToIntFunction<String> slots;

        private Compiler(ToIntFunction<String> slots) {
            this.slots = slots;
        }

        @Override
        public RowEvaluator literal(Expression.Literal literal) {
            Object value = literal.value();
            return (f, c) -> value;
        }

        @Override
        public RowEvaluator column(Expression.ColumnRef column) {
            int slot = slots.applyAsInt(column.id());
            return (f, c) -> f[slot];
        }

        @Override
        public RowEvaluator currentRow(Expression.CurrentRow currentRow) {
            int slot = slots.applyAsInt(currentRow.column().id());
            return (f, c) -> c[slot];
        }

        @Override
        public RowEvaluator arithmetic(Expression.Arithmetic arithmetic) {
            RowEvaluator l = arithmetic.left().accept(this);
            RowEvaluator r = arithmetic.right().accept(this);
            Operator op = operator(arithmetic);
            return (f, c) -> {
                Object a = l.eval(f, c);
                if (a == null) {
                    return null;
                }
                Object b = r.eval(f, c);
                return b == null ? null : op.apply(a, b);
            };
        }

        /** The operator for the node's types, chosen once. */
        private static Operator operator(Expression.Arithmetic node) {
            SqlType type = node.type();
            if (type == SqlType.TIMESTAMP) {
                boolean add = switch (node.op()) {
                    case ADD -> true;
                    case SUBTRACT -> false;
                    default -> throw new IllegalStateException("timestamp " + node.op());
                };
                return (a, b) -> {
                    long x = a instanceof Timestamp t ? t.getTime() : (Long) a;
                    long y = b instanceof Timestamp t ? t.getTime() : (Long) b;
                    return new Timestamp(add ? x + y : x - y);
                };
            }
            return switch (node.op()) {
                case DIVIDE -> (a, b) -> (Double) b == 0 ? null : (Double) a / (Double) b;
                case ADD -> switch (type) {
                    case INT16 -> (a, b) -> (short) ((Short) a + (Short) b);
                    case INT32 -> (a, b) -> (Integer) a + (Integer) b;
                    case INT64 -> (a, b) -> (Long) a + (Long) b;
                    case FLOAT -> (a, b) -> (Float) a + (Float) b;
                    default -> (a, b) -> (Double) a + (Double) b;
                };
                case SUBTRACT -> switch (type) {
                    case INT16 -> (a, b) -> (short) ((Short) a - (Short) b);
                    case INT32 -> (a, b) -> (Integer) a - (Integer) b;
                    case INT64 -> (a, b) -> (Long) a - (Long) b;
                    case FLOAT -> (a, b) -> (Float) a - (Float) b;
                    default -> (a, b) -> (Double) a - (Double) b;
                };
                case MULTIPLY -> switch (type) {
                    case INT16 -> (a, b) -> (short) ((Short) a * (Short) b);
                    case INT32 -> (a, b) -> (Integer) a * (Integer) b;
                    case INT64 -> (a, b) -> (Long) a * (Long) b;
                    case FLOAT -> (a, b) -> (Float) a * (Float) b;
                    default -> (a, b) -> (Double) a * (Double) b;
                };
                case MODULO -> switch (type) {
                    case INT16 -> (a, b) -> (Short) b == 0 ? null : (short) ((Short) a % (Short) b);
                    case INT32 -> (a, b) -> (Integer) b == 0 ? null : (Integer) a % (Integer) b;
                    case INT64 -> (a, b) -> (Long) b == 0 ? null : (Long) a % (Long) b;
                    case FLOAT -> (a, b) -> (Float) b == 0 ? null : (Float) a % (Float) b;
                    default -> (a, b) -> (Double) b == 0 ? null : (Double) a % (Double) b;
                };
                case BIT_AND -> switch (type) {
                    case INT16 -> (a, b) -> (short) ((Short) a & (Short) b);
                    case INT32 -> (a, b) -> (Integer) a & (Integer) b;
                    default -> (a, b) -> (Long) a & (Long) b;
                };
                case BIT_OR -> switch (type) {
                    case INT16 -> (a, b) -> (short) ((Short) a | (Short) b);
                    case INT32 -> (a, b) -> (Integer) a | (Integer) b;
                    default -> (a, b) -> (Long) a | (Long) b;
                };
                case BIT_XOR -> switch (type) {
                    case INT16 -> (a, b) -> (short) ((Short) a ^ (Short) b);
                    case INT32 -> (a, b) -> (Integer) a ^ (Integer) b;
                    default -> (a, b) -> (Long) a ^ (Long) b;
                };
                case INTEGER_DIVIDE -> switch (type) {
                    case INT16 -> (a, b) -> (Short) b == 0 ? null : (short) ((Short) a / (Short) b);
                    case INT32 -> (a, b) -> (Integer) b == 0 ? null : (Integer) a / (Integer) b;
                    default -> (a, b) -> (Long) b == 0 ? null : (Long) a / (Long) b;
                };
            };
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public RowEvaluator comparison(Expression.Comparison comparison) {
            RowEvaluator l = comparison.left().accept(this);
            RowEvaluator r = comparison.right().accept(this);
            var op = comparison.op();
            return (f, c) -> {
                Object a = l.eval(f, c);
                Object b = r.eval(f, c);
                return a == null || b == null ? null : op.test(((Comparable) a).compareTo(b));
            };
        }

        @Override
        public RowEvaluator logical(Expression.Logical logical) {
            RowEvaluator l = logical.left().accept(this);
            RowEvaluator r = logical.right().accept(this);
            return switch (logical.op()) {
                case AND -> (f, c) -> {
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
                case OR -> (f, c) -> {
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
                case XOR -> (f, c) -> {
                    Object a = l.eval(f, c);
                    Object b = r.eval(f, c);
                    return a == null || b == null ? null : (Boolean) a ^ (Boolean) b;
                };
            };
        }

        @Override
        public RowEvaluator not(Expression.Not not) {
            RowEvaluator operand = not.operand().accept(this);
            return (f, c) -> {
                Object v = operand.eval(f, c);
                return v == null ? null : !(Boolean) v;
            };
        }

        @Override
        public RowEvaluator negate(Expression.Negate negate) {
            RowEvaluator operand = negate.operand().accept(this);
            boolean bitwise = negate.bitwise();
            Operator op = switch (negate.type()) {
                case INT16 -> (v, unused) -> (short) (bitwise ? ~(Short) v : -(Short) v);
                case INT32 -> (v, unused) -> bitwise ? ~(Integer) v : -(Integer) v;
                case INT64 -> (v, unused) -> bitwise ? ~(Long) v : -(Long) v;
                case FLOAT -> (v, unused) -> -(Float) v;
                default -> (v, unused) -> -(Double) v;
            };
            return (f, c) -> {
                Object v = operand.eval(f, c);
                return v == null ? null : op.apply(v, null);
            };
        }

        @Override
        public RowEvaluator isNull(Expression.IsNull isNull) {
            RowEvaluator operand = isNull.operand().accept(this);
            boolean negated = isNull.negated();
            return (f, c) -> (operand.eval(f, c) == null) != negated;
        }

        @Override
        public RowEvaluator caseWhen(Expression.Case caseWhen) {
            List<RowEvaluator> conditions = caseWhen.whens().stream().map(w -> w.condition().accept(this)).toList();
            List<RowEvaluator> results = caseWhen.whens().stream().map(w -> w.result().accept(this)).toList();
            RowEvaluator otherwise = caseWhen.otherwise().accept(this);
            return (f, c) -> {
                for (int i = 0; i < conditions.size(); i++) {
                    if (Boolean.TRUE.equals(conditions.get(i).eval(f, c))) {
                        return results.get(i).eval(f, c);
                    }
                }
                return otherwise.eval(f, c);
            };
        }

        @Override
        public RowEvaluator in(Expression.In in) {
            RowEvaluator value = in.value().accept(this);
            List<RowEvaluator> items = in.list().stream().map(i -> i.accept(this)).toList();
            boolean negated = in.negated();
            return (f, c) -> {
                Object v = value.eval(f, c);
                boolean unknown = v == null;
                for (RowEvaluator item : items) {
                    Object candidate = item.eval(f, c);
                    if (candidate == null) {
                        unknown = true;
                    } else if (v != null && v.equals(candidate)) {
                        return !negated;
                    }
                }
                return unknown ? null : negated;
            };
        }

        @Override
        public RowEvaluator like(Expression.Like like) {
            RowEvaluator value = like.value().accept(this);
            RowEvaluator pattern = like.pattern().accept(this);
            String escape = like.escape();
            boolean caseInsensitive = like.caseInsensitive();
            boolean negated = like.negated();
            return (f, c) -> {
                Boolean matches = LikePatterns.matches((String) value.eval(f, c), (String) pattern.eval(f, c), escape,
                        caseInsensitive);
                return matches == null ? null : matches != negated;
            };
        }

        @Override
        public RowEvaluator cast(Expression.Cast cast) {
            RowEvaluator operand = cast.operand().accept(this);
            Casts.JavaCast conversion = Casts.java(cast.operand().type(), cast.type());
            return (f, c) -> conversion.apply(operand.eval(f, c));
        }

        @Override
        public RowEvaluator call(Expression.Call call) {
            List<RowEvaluator> args = call.args().stream().map(a -> a.accept(this)).toList();
            BoundFunction function = call.function();
            boolean nullInNullOut = function.nullInNullOut();
            return (f, c) -> {
                Object[] values = new Object[args.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = args.get(i).eval(f, c);
                    if (values[i] == null && nullInNullOut) {
                        return null;
                    }
                }
                return function.apply(values);
            };
        }
    }

    /** An operator on non-NULL values (a unary one ignores the second). */
    @FunctionalInterface
    interface Operator extends Serializable {
        Object apply(Object a, Object b);
    }
}

package io.windrow.sql.analyzer;

import io.windrow.udf.scalar.BoundFunction;
import io.windrow.udf.type.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A typed, validated scalar expression: the analyzer's output and the only form the backends (Spark
 * columns, the Java row evaluator) translate. Every node has its {@link SqlType}; the operands of an
 * operator already have the types it computes in (the analyzer made OpenMLDB's implicit conversions
 * explicit {@link Cast} nodes), so a backend never decides a type. Equality is structural: nodes
 * carry no source positions (errors are raised by the analyzer, which still has them), so the same
 * expression written twice is equal and computed once.
 */
public sealed interface Expression {
    SqlType type();

    /** The operands, in evaluation order. */
    List<Expression> children();

    /** The expression as SQL-like text, for {@code explain} and messages. */
    String sql();

    <R> R accept(Visitor<R> visitor);

    /** One method per node kind: a backend implementing it handles every kind (the compiler checks). */
    interface Visitor<R> {
        R literal(Literal literal);

        R column(ColumnRef column);

        R currentRow(CurrentRow currentRow);

        R arithmetic(Arithmetic arithmetic);

        R comparison(Comparison comparison);

        R logical(Logical logical);

        R not(Not not);

        R negate(Negate negate);

        R isNull(IsNull isNull);

        R caseWhen(Case caseWhen);

        R in(In in);

        R like(Like like);

        R cast(Cast cast);

        R call(Call call);
    }

    /** A constant in {@link SqlType}'s Java representation; null with type NULL or any typed NULL. */
    record Literal(Object value, SqlType type) implements Expression {
        public Literal {
            requireNonNull(type, "type");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.literal(this);
        }

        @Override
        public List<Expression> children() {
            return List.of();
        }

        @Override
        public String sql() {
            if (value == null) {
                return type == SqlType.NULL ? "NULL" : "CAST(NULL AS " + type.sqlName() + ")";
            }
            return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
        }
    }

    /** A column of the plan node's input, by its internal id; {@code name} is how SQL wrote it. */
    record ColumnRef(String id, String name, SqlType type) implements Expression {
        public ColumnRef {
            requireNonNull(id, "id");
            requireNonNull(type, "type");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.column(this);
        }

        @Override
        public List<Expression> children() {
            return List.of();
        }

        @Override
        public String sql() {
            return name == null ? id : name;
        }

        /** The column is its id: {@code t.k} and {@code k} naming one column are equal. */
        @Override
        public boolean equals(Object other) {
            return other instanceof ColumnRef column && id.equals(column.id) && type == column.type;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, type);
        }
    }

    /**
     * Inside the arguments of a window aggregate: the value of {@code column} in the current row
     * (OpenMLDB's {@code at(col, 0)}, and the result of an aggregate nested in the argument), while a
     * bare column reads the frame row being aggregated.
     */
    record CurrentRow(ColumnRef column) implements Expression {
        public CurrentRow {
            requireNonNull(column, "column");
        }

        @Override
        public SqlType type() {
            return column.type();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.currentRow(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(column);
        }

        @Override
        public String sql() {
            return "at(" + column.sql() + ", 0)";
        }
    }

    /**
     * {@code left op right}. Both operands have {@code type}, except {@code timestamp ± int64}
     * (milliseconds) and {@link ArithmeticOp#DIVIDE}, whose operands are DOUBLE.
     */
    record Arithmetic(ArithmeticOp op, Expression left, Expression right, SqlType type) implements Expression {
        public Arithmetic {
            requireNonNull(op, "op");
            requireNonNull(left, "left");
            requireNonNull(right, "right");
            requireNonNull(type, "type");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.arithmetic(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(left, right);
        }

        @Override
        public String sql() {
            return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
        }
    }

    /** A comparison of two operands of one type. */
    record Comparison(ComparisonOp op, Expression left, Expression right) implements Expression {
        public Comparison {
            requireNonNull(op, "op");
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.comparison(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(left, right);
        }

        @Override
        public String sql() {
            return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
        }
    }

    /** AND, OR, XOR of two BOOL operands. */
    record Logical(LogicalOp op, Expression left, Expression right) implements Expression {
        public Logical {
            requireNonNull(op, "op");
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.logical(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(left, right);
        }

        @Override
        public String sql() {
            return "(" + left.sql() + " " + op + " " + right.sql() + ")";
        }
    }

    /** NOT of a BOOL operand. */
    record Not(Expression operand) implements Expression {
        public Not {
            requireNonNull(operand, "operand");
        }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(operand);
        }

        @Override
        public String sql() {
            return "(NOT " + operand.sql() + ")";
        }
    }

    /** Unary minus ({@code BITWISE_NOT}: {@code ~}) of a numeric operand, in the operand's type. */
    record Negate(Expression operand, boolean bitwise) implements Expression {
        public Negate {
            requireNonNull(operand, "operand");
        }

        @Override
        public SqlType type() {
            return operand.type();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.negate(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(operand);
        }

        @Override
        public String sql() {
            return (bitwise ? "~" : "-") + operand.sql();
        }
    }

    /** {@code operand IS [NOT] NULL}: never NULL itself. */
    record IsNull(Expression operand, boolean negated) implements Expression {
        public IsNull {
            requireNonNull(operand, "operand");
        }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.isNull(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(operand);
        }

        @Override
        public String sql() {
            return "(" + operand.sql() + (negated ? " IS NOT NULL)" : " IS NULL)");
        }
    }

    /** One {@code WHEN condition THEN result} of a {@link Case}. */
    record WhenThen(Expression condition, Expression result) {
        public WhenThen {
            requireNonNull(condition, "condition");
            requireNonNull(result, "result");
        }
    }

    /**
     * A searched CASE (the simple form is rewritten into comparisons): the first WHEN whose BOOL
     * condition is true gives the result, else {@code otherwise}; results all have {@code type}.
     */
    record Case(List<WhenThen> whens, Expression otherwise, SqlType type) implements Expression {
        public Case {
            whens = List.copyOf(whens);
            requireNonNull(otherwise, "otherwise");
            requireNonNull(type, "type");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.caseWhen(this);
        }

        @Override
        public List<Expression> children() {
            List<Expression> children = new ArrayList<>();
            for (WhenThen when : whens) {
                children.add(when.condition());
                children.add(when.result());
            }
            children.add(otherwise);
            return children;
        }

        @Override
        public String sql() {
            return "CASE " + whens.stream().map(w -> "WHEN " + w.condition().sql() + " THEN " + w.result().sql())
                    .collect(Collectors.joining(" ")) + " ELSE " + otherwise.sql() + " END";
        }
    }

    /** {@code value [NOT] IN (list)}; the value and the items have one type. */
    record In(Expression value, List<Expression> list, boolean negated) implements Expression {
        public In {
            requireNonNull(value, "value");
            list = List.copyOf(list);
        }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.in(this);
        }

        @Override
        public List<Expression> children() {
            List<Expression> children = new ArrayList<>();
            children.add(value);
            children.addAll(list);
            return children;
        }

        @Override
        public String sql() {
            return "(" + value.sql() + (negated ? " NOT IN (" : " IN (")
                    + list.stream().map(Expression::sql).collect(Collectors.joining(", ")) + "))";
        }
    }

    /**
     * {@code value [NOT] [I]LIKE pattern [ESCAPE escape]} on STRING operands; {@code escape} is the
     * escape character ({@code \} by default; empty for none).
     */
    record Like(Expression value, Expression pattern, String escape, boolean caseInsensitive, boolean negated)
            implements Expression {
        public Like {
            requireNonNull(value, "value");
            requireNonNull(pattern, "pattern");
            requireNonNull(escape, "escape");
        }

        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.like(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(value, pattern);
        }

        @Override
        public String sql() {
            return "(" + value.sql() + (negated ? " NOT" : "") + (caseInsensitive ? " ILIKE " : " LIKE ")
                    + pattern.sql() + (escape.equals("\\") ? "" : " ESCAPE '" + escape + "'") + ")";
        }
    }

    /** A conversion to {@code type}, explicit ({@code CAST}, {@code int(x)}) or one the analyzer inserted. */
    record Cast(Expression operand, SqlType type) implements Expression {
        public Cast {
            requireNonNull(operand, "operand");
            requireNonNull(type, "type");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cast(this);
        }

        @Override
        public List<Expression> children() {
            return List.of(operand);
        }

        @Override
        public String sql() {
            return type.sqlName() + "(" + operand.sql() + ")";
        }
    }

    /**
     * A scalar function call bound to its argument types: the arguments already have
     * {@link BoundFunction#parameterTypes()}. Equal when name, arguments and type are (the bound
     * function is derived from them).
     */
    record Call(String name, BoundFunction function, List<Expression> args) implements Expression {
        public Call {
            requireNonNull(name, "name");
            requireNonNull(function, "function");
            args = List.copyOf(args);
        }

        @Override
        public SqlType type() {
            return function.resultType();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.call(this);
        }

        @Override
        public List<Expression> children() {
            return args;
        }

        @Override
        public String sql() {
            return name + "(" + args.stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Call call && name.equals(call.name) && args.equals(call.args)
                    && type() == call.type();
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, args, type());
        }
    }
}

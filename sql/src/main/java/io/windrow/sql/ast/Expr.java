package io.windrow.sql.ast;

import java.util.List;

/**
 * A scalar expression of the dialect. Window aggregate calls ({@code f(x) OVER w}) are
 * expressions too; the planner lifts them into window groups. {@link BoundColumn} only appears
 * after the planner has resolved names.
 */
public sealed interface Expr {
    Position position();

    /** A constant: String, Boolean, Integer, Long, Double, Float, or null. */
    record Literal(Object value, Position position) implements Expr {}

    /** {@code name} or {@code qualifier.name}; qualifier may be null. */
    record ColumnRef(String qualifier, String name, Position position) implements Expr {
        public String display() {
            return qualifier == null ? name : qualifier + "." + name;
        }
    }

    /** A column resolved by the planner to an internal column of the plan node's input. */
    record BoundColumn(String internalName, String display, Position position) implements Expr {}

    /** A function call; {@code over} is non-null for window aggregates. */
    record Call(String name, List<Expr> args, Over over, Position position) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Binary operators: + - * / % DIV & | ^ = != < <= > >= AND OR XOR. */
    record Binary(String op, Expr left, Expr right, Position position) implements Expr {}

    /** Unary operators: NOT, -. */
    record Unary(String op, Expr operand, Position position) implements Expr {}

    record When(Expr condition, Expr result) {}

    /** {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}; operand may be null. */
    record Case(Expr operand, List<When> whens, Expr otherwise, Position position) implements Expr {
        public Case {
            whens = List.copyOf(whens);
        }
    }

    record In(Expr value, List<Expr> list, boolean negated, Position position) implements Expr {
        public In {
            list = List.copyOf(list);
        }
    }

    record Between(Expr value, Expr low, Expr high, boolean negated, Position position) implements Expr {}

    /** {@code value [NOT] [I]LIKE pattern [ESCAPE escape]}; escape is null when not written. */
    record Like(Expr value, Expr pattern, Expr escape, boolean negated, boolean caseInsensitive, Position position)
            implements Expr {}

    record IsNull(Expr value, boolean negated, Position position) implements Expr {}

    /** {@code CAST(x AS type)} and the function forms {@code int(x)}, {@code timestamp(x)}, ... */
    record Cast(Expr value, String typeName, Position position) implements Expr {}

    /** {@code *} or {@code t.*} in a select list. */
    record Star(String qualifier, Position position) implements Expr {}
}

package io.windrow.sql.analyzer;

/** The arithmetic and bitwise operators of the dialect, with their SQL spelling. */
public enum ArithmeticOp {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    /** {@code /}: always a DOUBLE result; division by zero is NULL. */
    DIVIDE("/"),
    /** {@code DIV}: integer division, truncated toward zero; by zero is NULL. */
    INTEGER_DIVIDE("DIV"),
    /** {@code %} and {@code MOD}: the remainder with the dividend's sign; by zero is NULL. */
    MODULO("%"),
    /** {@code &}: bitwise AND of two integers (int16, int32, int64; not bool), in their common type. */
    BIT_AND("&"),
    /** {@code |}: bitwise OR of two integers. */
    BIT_OR("|"),
    /** {@code ^}: bitwise XOR of two integers. */
    BIT_XOR("^");

    private final String symbol;

    ArithmeticOp(String symbol) {
        this.symbol = symbol;
    }

    public boolean bitwise() {
        return this == BIT_AND || this == BIT_OR || this == BIT_XOR;
    }

    public String symbol() {
        return symbol;
    }
}

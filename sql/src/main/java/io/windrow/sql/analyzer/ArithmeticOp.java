package io.windrow.sql.analyzer;

/** The arithmetic operators of the dialect, with their SQL spelling. */
public enum ArithmeticOp {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    /** {@code /}: always a DOUBLE result; division by zero is NULL. */
    DIVIDE("/"),
    /** {@code DIV}: integer division, truncated toward zero; by zero is NULL. */
    INTEGER_DIVIDE("DIV"),
    /** {@code %} and {@code MOD}: the remainder with the dividend's sign; by zero is NULL. */
    MODULO("%");

    private final String symbol;

    ArithmeticOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}

package io.windrow.sql.ast;

/** A 1-based line and column in the SQL text, carried by every AST node for error messages. */
public record Position(int line, int column) {
    public static final Position UNKNOWN = new Position(0, 0);

    @Override
    public String toString() {
        return "line " + line + ":" + column;
    }
}

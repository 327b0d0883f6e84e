package io.windrow.sql;

import io.windrow.sql.ast.Position;

import static java.util.Objects.requireNonNull;

/**
 * A user error in the SQL text: syntax, an unknown table, column or function, wrong argument types,
 * a cast or construct the dialect rejects. The one error type of the parser and the analyzer; it
 * carries the line:column and the offending text, and its message is one line:
 * {@code line 3:14: unknown function 'foo' near 'foo(x)'; ...}. Stages exit with the SQL/config
 * error code on it. Extends IllegalArgumentException so callers that catch bad arguments keep working.
 */
public final class SqlException extends IllegalArgumentException {
    private final Position position;
    private final String offendingText;

    public SqlException(Position position, String offendingText, String message) {
        super(format(position, offendingText, message));
        this.position = requireNonNull(position, "position");
        this.offendingText = offendingText;
    }

    public Position position() {
        return position;
    }

    /** The text at fault (a name, an expression), or null when there is none to quote. */
    public String offendingText() {
        return offendingText;
    }

    private static String format(Position position, String offendingText, String message) {
        requireNonNull(message, "message");
        String where = position.equals(Position.UNKNOWN) ? "" : position + ": ";
        return where + message + (offendingText == null ? "" : " near '" + offendingText + "'");
    }
}

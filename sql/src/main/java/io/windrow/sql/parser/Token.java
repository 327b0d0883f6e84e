package io.windrow.sql.parser;

import io.windrow.sql.ast.Position;

/**
 * One lexical token. {@code text} is the identifier (without backquotes), the string's content,
 * the number as written (a unit suffix such as {@code 14d} included) or the symbol.
 */
public record Token(Type type, String text, Position position) {
    public enum Type { IDENT, QUOTED_IDENT, STRING, NUMBER, SYMBOL, EOF }

    /** Whether this is the unquoted keyword {@code word} (case-insensitive). */
    public boolean isKeyword(String word) {
        return type == Type.IDENT && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    public boolean isIdentifier() {
        return type == Type.IDENT || type == Type.QUOTED_IDENT;
    }
}

package io.windrow.sql.parser;

import java.util.List;
import java.util.Locale;

/**
 * A cursor over a statement's tokens, shared by the query parser and the DDL parser: look ahead,
 * consume, accept or expect a keyword or symbol, and errors that name {@code line:column} and the
 * offending text.
 */
public abstract class TokenReader {
    private final List<Token> tokens;
    private int index;

    protected TokenReader(String text) {
        this.tokens = Lexer.tokenize(text);
    }

    protected final Token peek() {
        return tokens.get(index);
    }

    protected final Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    /** The token last consumed. */
    protected final Token previous() {
        return tokens.get(Math.max(0, index - 1));
    }

    /** Consumes and returns the next token (the end-of-input token is never consumed). */
    protected final Token next() {
        Token token = tokens.get(index);
        if (token.type() != Token.Type.EOF) {
            index++;
        }
        return token;
    }

    protected final boolean acceptKeyword(String word) {
        if (peek().isKeyword(word)) {
            next();
            return true;
        }
        return false;
    }

    protected final boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    protected final Token expectKeyword(String word) {
        Token token = next();
        if (!token.isKeyword(word)) {
            throw error(token, "expected " + word.toUpperCase(Locale.ROOT));
        }
        return token;
    }

    protected final Token expectSymbol(String symbol) {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected '" + symbol + "'");
        }
        return token;
    }

    /** {@code line:column: message near 'text'}, the one form of every syntax error. */
    protected static IllegalArgumentException error(Token token, String message) {
        String near = token.type() == Token.Type.EOF ? "end of input" : token.text();
        return new IllegalArgumentException(token.position() + ": " + message + " near '" + near + "'");
    }
}

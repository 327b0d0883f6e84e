package io.windrow.sql.parser;

import io.windrow.sql.ast.Position;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits dialect text into tokens with their line and column. Handles backquoted identifiers,
 * single- and double-quoted strings (a doubled quote or a backslash escapes), {@code --},
 * {@code #} and block comments, and numbers with a unit or type suffix ({@code 14d}, {@code 3L}).
 */
public final class Lexer {
    private static final List<String> SYMBOLS = List.of(
            "==", "!=", "<>", "<=", ">=", "@@", "||", "&&", "(", ")", ",", ".", ";", "*", "+", "-", "/", "%",
            "=", "<", ">", "!", "@", "~", "&", "|", "^", ":", "?");

    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    private Lexer(String text) {
        this.text = requireNonNull(text, "text");
    }

    public static List<Token> tokenize(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Position position = new Position(line, column);
            if (index >= text.length()) {
                tokens.add(new Token(Token.Type.EOF, "", position));
                return tokens;
            }
            char c = text.charAt(index);
            if (c == '`') {
                tokens.add(new Token(Token.Type.QUOTED_IDENT, quoted('`', position), position));
            } else if (c == '\'' || c == '"') {
                tokens.add(new Token(Token.Type.STRING, quoted(c, position), position));
            } else if (Character.isDigit(c) || (c == '.' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1)))) {
                tokens.add(new Token(Token.Type.NUMBER, number(), position));
            } else if (Character.isLetter(c) || c == '_') {
                int start = index;
                while (index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
                    advance();
                }
                tokens.add(new Token(Token.Type.IDENT, text.substring(start, index), position));
            } else {
                String symbol = SYMBOLS.stream().filter(s -> text.startsWith(s, index)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(position + ": unexpected character near '" + c + "'"));
                for (int i = 0; i < symbol.length(); i++) {
                    advance();
                }
                tokens.add(new Token(Token.Type.SYMBOL, symbol, position));
            }
        }
    }

    private String number() {
        int start = index;
        while (index < text.length() && (Character.isDigit(text.charAt(index)) || text.charAt(index) == '.')) {
            advance();
        }
        if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')
                && index + 1 < text.length() && (Character.isDigit(text.charAt(index + 1))
                || ((text.charAt(index + 1) == '-' || text.charAt(index + 1) == '+') && index + 2 < text.length()
                && Character.isDigit(text.charAt(index + 2))))) {
            advance();
            advance();
            while (index < text.length() && Character.isDigit(text.charAt(index))) {
                advance();
            }
        }
        // A unit or type suffix stays part of the number token: 14d, 10h, 3L, 1.5f.
        while (index < text.length() && Character.isLetter(text.charAt(index))) {
            advance();
        }
        return text.substring(start, index);
    }

    private String quoted(char quote, Position position) {
        StringBuilder out = new StringBuilder();
        advance();
        while (true) {
            if (index >= text.length()) {
                throw new IllegalArgumentException(position + ": unterminated quoted text near '"
                        + text.substring(position.column() > 0 ? Math.max(0, index - out.length() - 1) : 0,
                        Math.min(text.length(), index)) + "'");
            }
            char c = text.charAt(index);
            if (c == quote) {
                if (index + 1 < text.length() && text.charAt(index + 1) == quote) {
                    out.append(quote);
                    advance();
                    advance();
                    continue;
                }
                advance();
                return out.toString();
            }
            if (c == '\\' && quote != '`' && index + 1 < text.length()) {
                advance();
                char e = text.charAt(index);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> e;
                });
                advance();
                continue;
            }
            out.append(c);
            advance();
        }
    }

    private void skipSpaceAndComments() {
        while (index < text.length()) {
            char c = text.charAt(index);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (text.startsWith("--", index) || c == '#') {
                while (index < text.length() && text.charAt(index) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", index)) {
                while (index < text.length() && !text.startsWith("*/", index)) {
                    advance();
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (index >= text.length()) {
            return;
        }
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }
}

package io.windrow.sql.exec;

import java.util.regex.Pattern;

/** SQL LIKE patterns ({@code %}, {@code _}, an escape character) as Java regular expressions. */
final class LikePatterns {
    private LikePatterns() {}

    /**
     * The regex matching what {@code pattern} matches; {@code escape} is one character or empty
     * (none). An escape character makes the next character literal.
     */
    static String regex(String pattern, String escape) {
        StringBuilder regex = new StringBuilder();
        char esc = escape.isEmpty() ? 0 : escape.charAt(0);
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (!escape.isEmpty() && ch == esc && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '%') {
                regex.append(".*");
            } else if (ch == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return regex.toString();
    }
}

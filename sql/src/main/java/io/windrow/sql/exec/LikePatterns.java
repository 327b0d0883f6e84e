package io.windrow.sql.exec;

import java.util.regex.Pattern;

/**
 * OpenMLDB's LIKE: {@code %} any run, {@code _} one character, the escape character (one
 * character, or none when empty) makes the next one literal; a pattern ending in an unpaired escape
 * character matches nothing (OpenMLDB's case "pattern以escape character结尾"). The Java matcher of
 * both backends; the Spark one uses Spark's own LIKE only for patterns it reads the same way
 * ({@link #sparkReadsAlike}).
 */
final class LikePatterns {
    private LikePatterns() {}

    /** Whether {@code value} matches; null when either is null. */
    static Boolean matches(String value, String pattern, String escape, boolean caseInsensitive) {
        if (value == null || pattern == null) {
            return null;
        }
        Pattern regex = compile(pattern, escape, caseInsensitive);
        return regex != null && regex.matcher(value).matches();
    }

    /** The pattern as a regex, or null when it matches nothing. */
    static Pattern compile(String pattern, String escape, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        char esc = escape.isEmpty() ? 0 : escape.charAt(0);
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (!escape.isEmpty() && ch == esc) {
                if (i + 1 == pattern.length()) {
                    return null;
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '%') {
                regex.append(".*");
            } else if (ch == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }

    /**
     * Whether Spark's LIKE reads this literal pattern as OpenMLDB does: one escape character, which
     * precedes only {@code %}, {@code _} or itself (Spark rejects anything else) and never ends it.
     */
    static boolean sparkReadsAlike(String pattern, String escape) {
        if (escape.length() != 1) {
            return false;
        }
        char esc = escape.charAt(0);
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == esc) {
                if (i + 1 == pattern.length()) {
                    return false;
                }
                char next = pattern.charAt(++i);
                if (next != '%' && next != '_' && next != esc) {
                    return false;
                }
            }
        }
        return true;
    }
}

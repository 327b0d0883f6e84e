package io.windrow.udf.scalar;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * OpenMLDB's pattern matching: {@code like_match}/{@code ilike_match} (its glob matcher on UTF-8
 * bytes: {@code _} is one byte, {@code %} any run, an escape character before any byte matches it
 * literally, a pattern ending in the escape character never matches, an escape of two or more
 * characters makes the result false) and {@code regexp_like} (a whole-string regular expression
 * match, RE2 syntax read by java.util.regex, which agrees on the POSIX/egrep subset OpenMLDB documents).
 */
final class TextMatching {
    private static final int CACHED_PATTERNS = 64;
    private static final ThreadLocal<Map<String, Pattern>> PATTERNS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                    return size() > CACHED_PATTERNS;
                }
            });

    private TextMatching() {}

    /** like_match / ilike_match with an explicit escape ("" disables escaping); null when any argument is. */
    static Boolean like(String name, String pattern, String escape, boolean caseInsensitive) {
        if (name == null || pattern == null || escape == null) {
            return null;
        }
        byte[] esc = escape.getBytes(StandardCharsets.UTF_8);
        if (esc.length >= 2) {
            return false;
        }
        return like(bytes(name), 0, bytes(pattern), 0, esc.length == 0 ? null : esc[0], caseInsensitive);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** OpenMLDB's like_internal, position by position. */
    private static boolean like(byte[] name, int n, byte[] pattern, int p, Byte escape, boolean ci) {
        while (p < pattern.length) {
            if (n == name.length) {
                break;
            }
            byte c = pattern[p];
            if (escape != null && c == escape) {
                if (p + 1 == pattern.length) {
                    return false;
                }
                if (!equal(pattern[p + 1], name[n], ci)) {
                    return false;
                }
                p += 2;
            } else {
                if (c == '%') {
                    for (int back = name.length; back >= n; back--) {
                        if (like(name, back, pattern, p + 1, escape, ci)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (c != '_' && !equal(c, name[n], ci)) {
                    return false;
                }
                p++;
            }
            n++;
        }
        if (p != pattern.length) {
            // only percent signs may be left
            for (; p < pattern.length; p++) {
                if ((escape != null && pattern[p] == escape) || pattern[p] != '%') {
                    return false;
                }
            }
            return true;
        }
        return n == name.length;
    }

    private static boolean equal(byte a, byte b, boolean ci) {
        return ci ? lower(a) == lower(b) : a == b;
    }

    /** C's tolower in the "C" locale: ASCII letters only. */
    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /**
     * regexp_like: whether the whole string matches; {@code flags} may hold c (case-sensitive, the
     * default), i (case-insensitive), m (multi-line: ^ and $ at line breaks), s (. matches a line
     * break). NULL for an invalid pattern.
     */
    static Boolean regexpLike(String target, String regex, String flags) {
        int options = 0;
        for (char flag : flags.toCharArray()) {
            switch (flag) {
                case 'c' -> options &= ~Pattern.CASE_INSENSITIVE;
                case 'i' -> options |= Pattern.CASE_INSENSITIVE;
                case 'm' -> options |= Pattern.MULTILINE;
                case 's' -> options |= Pattern.DOTALL;
                default -> throw new IllegalArgumentException("regexp_like: unknown flag '" + flag
                        + "' (accepted: c, i, m, s)");
            }
        }
        String key = options + "/" + regex;
        Map<String, Pattern> cache = PATTERNS.get();
        Pattern pattern = cache.get(key);
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex, options);
            } catch (PatternSyntaxException e) {
                return null;
            }
            cache.put(key, pattern);
        }
        return pattern.matcher(target).matches();
    }
}

package io.windrow.sql.conformance;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names of the functions a SQL text calls: every identifier (plain or back-quoted)
 * followed by {@code (}, outside string literals and comments, except the keywords that take a
 * parenthesis ({@code AS (}, {@code IN (}, {@code OVER (}, {@code UNION (}, ...). Lower case.
 */
public final class FunctionCalls {
    private static final Pattern LITERALS_AND_COMMENTS =
            Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.)*\"|--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("(?<![\\w.`])(?:`([^`]+)`|([A-Za-z_][A-Za-z_0-9]*))\\s*\\(");
    private static final Set<String> KEYWORDS = Set.of(
            "as", "in", "over", "union", "from", "join", "on", "where", "and", "or", "not", "select", "values",
            "exists", "window", "between", "when", "then", "else", "case", "by", "using", "having", "is", "like",
            "rlike", "ilike", "all", "any", "some", "preceding", "following", "row", "rows", "rows_range", "into",
            "table", "with", "limit", "distinct", "end", "group", "order", "partition", "last", "left", "inner");

    private FunctionCalls() {}

    public static Set<String> in(String sql) {
        String code = LITERALS_AND_COMMENTS.matcher(sql).replaceAll(" '' ");
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = CALL.matcher(code);
        while (matcher.find()) {
            String quoted = matcher.group(1);
            String name = (quoted != null ? quoted : matcher.group(2)).toLowerCase(Locale.ROOT);
            if (quoted != null || !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}

package io.windrow.sql.conformance;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Why a conformance case failed, for people steering the work: a {@link Group} (the kind of gap)
 * and a one-line reason (the specific construct, function or rule). Derived from the runner's
 * detail text and the functions the SQL calls, so it is a diagnosis, not a verdict: a case that
 * calls a function outside {@code knownFunctions} is put under {@link Group#MISSING_FUNCTION}
 * whatever error it ran into, since that function has to exist before anything else can be judged.
 */
public record FailureCause(Group group, String reason) {
    /** Kinds of gaps, in the order a report lists them. */
    public enum Group {
        CASE_FILE("the runner cannot build the case"),
        MISSING_FUNCTION("calls a function Windrow lacks"),
        PARSE("parse error"),
        UNSUPPORTED("construct Windrow rejects as unsupported"),
        TYPE_RULE("type rule differs (Spark's analyzer or casts reject what OpenMLDB accepts)"),
        ACCEPTS_INVALID("accepts a query OpenMLDB rejects"),
        QUERY_ERROR("other query error"),
        WRONG_COLUMNS("wrong result columns (names or types)"),
        WRONG_ROWS("wrong result rows");

        private final String meaning;

        Group(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    private static final Pattern UNRESOLVED_ROUTINE = Pattern.compile("UNRESOLVED_ROUTINE\\] Cannot resolve routine `([^`]+)`");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("unknown (?:window |scalar )?function:? `?([A-Za-z_][A-Za-z_0-9]*)");
    private static final Pattern LINE_COLUMN = Pattern.compile("line \\d+:\\d+: ");
    private static final Pattern SPARK_CLASS = Pattern.compile("\\[([A-Z_]+(?:\\.[A-Z_]+)?)\\]");
    private static final Pattern MISMATCH_EXPRESSION = Pattern.compile("Cannot resolve \"([^\"]{1,80})\"");
    private static final Pattern CAST_TYPES = Pattern.compile("of the type \"([A-Z]+)\" cannot be cast to \"([A-Z]+)\"");
    private static final Pattern PARSE_MESSAGE = Pattern.compile("(expected [^\\n]*?near '[^']*'|unexpected [^\\n]*?near '[^']*'|"
            + "mismatched input [^\\n]*?(?=\\s\\(|$)|extraneous input [^\\n]*?(?=\\s\\(|$))");

    public FailureCause {
        requireNonNull(group, "group");
        requireNonNull(reason, "reason");
    }

    /** The cause of a failed case; {@code knownFunctions} are the lower-case names Windrow implements. */
    public static FailureCause of(CaseResult result, Collection<String> knownFunctions) {
        String detail = result.detail();
        if (detail.startsWith(ConformanceRunner.CANNOT_BUILD)) {
            return new FailureCause(Group.CASE_FILE, firstLine(detail.substring(ConformanceRunner.CANNOT_BUILD.length())));
        }
        Set<String> missing = new LinkedHashSet<>();
        for (Pattern pattern : new Pattern[] {UNRESOLVED_ROUTINE, UNKNOWN_FUNCTION}) {
            Matcher matcher = pattern.matcher(detail);
            while (matcher.find()) {
                missing.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        for (String sql : result.testCase().statements()) {
            for (String call : FunctionCalls.in(sql)) {
                if (!knownFunctions.contains(call)) {
                    missing.add(call);
                }
            }
        }
        if (!missing.isEmpty()) {
            return new FailureCause(Group.MISSING_FUNCTION, "lacks " + String.join(", ", missing));
        }
        if (detail.startsWith("expected the query to fail")) {
            return new FailureCause(Group.ACCEPTS_INVALID, "accepts a query OpenMLDB rejects");
        }
        if (detail.startsWith("query failed: ") || detail.startsWith("expected the query to be rejected")) {
            return ofError(firstLine(detail));
        }
        if (detail.startsWith("columns: ")) {
            return new FailureCause(Group.WRONG_COLUMNS, "wrong columns");
        }
        if (detail.startsWith("order column ")) {
            return new FailureCause(Group.WRONG_COLUMNS, "the order column is missing from the result");
        }
        if (detail.startsWith("count: ") || detail.startsWith("rows: ")) {
            return new FailureCause(Group.WRONG_ROWS, "wrong number of rows");
        }
        return new FailureCause(Group.WRONG_ROWS, "wrong values");
    }

    private static FailureCause ofError(String message) {
        String text = message;
        Matcher location = LINE_COLUMN.matcher(text);
        if (location.find()) {
            text = text.substring(location.end());
        }
        boolean internal = message.startsWith("expected the query to be rejected");
        if (text.contains("DATATYPE_MISMATCH") || text.contains("CAST_INVALID_INPUT")) {
            Matcher kind = SPARK_CLASS.matcher(text);
            String reason = kind.find() ? kind.group(1) : "type mismatch";
            Matcher cast = CAST_TYPES.matcher(text);
            if (cast.find()) {
                reason += " " + cast.group(1) + " to " + cast.group(2);
            }
            return new FailureCause(Group.TYPE_RULE, reason);
        }
        Matcher parse = PARSE_MESSAGE.matcher(text);
        if (!internal && parse.find() && !text.contains("[")) {
            return new FailureCause(Group.PARSE, parse.group(1));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported") || lower.contains("not supported")) {
            return new FailureCause(Group.UNSUPPORTED, shorten(text.replaceFirst("^[A-Za-z.]*Exception: ", "")));
        }
        Matcher kind = SPARK_CLASS.matcher(text);
        if (kind.find()) {
            return new FailureCause(Group.QUERY_ERROR, kind.group(1));
        }
        return new FailureCause(Group.QUERY_ERROR, shorten(text));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static String shorten(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        int cause = one.indexOf(" (caused by ");
        if (cause > 0) {
            one = one.substring(0, cause);
        }
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}

package io.windrow.sql.conformance;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one case and its explanation: empty for a pass, the diff or error for a
 * failure, the reason for a skip.
 */
public record CaseResult(Case testCase, CaseStatus status, String detail) {
    public CaseResult {
        requireNonNull(testCase, "testCase");
        requireNonNull(status, "status");
        requireNonNull(detail, "detail");
    }

    /** The report's line(s): {@code PASS id desc}, {@code FAIL id desc} and the indented diff, {@code SKIP id desc: reason}. */
    public String render() {
        return switch (status) {
            case PASS -> "PASS " + testCase.title();
            case SKIP -> "SKIP " + testCase.title() + ": " + detail;
            case FAIL -> "FAIL " + testCase.title() + "\n" + detail.lines().map(line -> "    " + line)
                    .collect(java.util.stream.Collectors.joining("\n"));
        };
    }
}

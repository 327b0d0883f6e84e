package io.windrow.sql.conformance;

/** The outcome of one case. */
public enum CaseStatus {
    PASS, FAIL, SKIP
}

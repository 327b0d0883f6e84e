package io.windrow.sql.conformance;

import java.util.List;
import java.util.Optional;

/**
 * What a case expects of its query: the result's columns (names and types), rows (literals of
 * the case file), the column to sort both sides by before comparing, whether the query must
 * succeed, and a row count. Absent parts are not checked.
 */
public record Expectation(
        Optional<List<Column>> columns,
        Optional<List<List<Object>>> rows,
        Optional<String> order,
        boolean success,
        Optional<Integer> count) {
    public Expectation {
        columns = columns.map(List::copyOf);
        rows = rows.map(list -> list.stream().map(java.util.Collections::unmodifiableList).toList());
    }

    /** An expectation that only requires the query to succeed. */
    public static Expectation succeeds() {
        return new Expectation(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());
    }
}

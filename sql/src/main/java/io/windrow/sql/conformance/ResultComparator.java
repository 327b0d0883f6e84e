package io.windrow.sql.conformance;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a query result with a case's {@link Expectation} and describes the differences for
 * people: the columns (names and types) side by side, the row counts, then each differing row as
 * {@code expected [...]} over {@code actual [...]}. Rows are sorted by the {@code order} column
 * on both sides when the case names one (nulls first; by the first column when neither side has
 * it, as OpenMLDB's offline checker sorts), otherwise compared in order. Floats and
 * doubles match within a relative tolerance of 1e-4; timestamps compare as epoch milliseconds.
 */
public final class ResultComparator {
    /** The relative tolerance for floats and doubles (the case format's). */
    public static final double RELATIVE_TOLERANCE = 1e-4;
    private static final int MAX_ROWS_SHOWN = 20;

    private ResultComparator() {}

    /** The differences, or empty when the result matches. */
    public static Optional<String> compare(Expectation expectation, StructType schema, List<Row> result) {
        List<String> diff = new ArrayList<>();
        List<Column> actualColumns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            ColumnType type = ColumnType.fromSpark(field.dataType());
            if (type == null) {
                diff.add("column " + field.name() + " has type " + field.dataType().simpleString()
                        + ", which the dialect does not have");
                type = ColumnType.STRING;
            }
            actualColumns.add(new Column(field.name(), type));
        }
        List<Column> expectedColumns = expectation.columns().orElse(actualColumns);
        if (expectation.columns().isPresent() && !expectedColumns.equals(actualColumns)) {
            diff.add("columns: expected " + expectedColumns);
            diff.add("         actual   " + actualColumns);
        }
        List<List<Object>> actual = new ArrayList<>();
        for (Row row : result) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                values.add(ColumnType.canonical(row.get(i)));
            }
            actual.add(values);
        }
        expectation.count().ifPresent(count -> {
            if (count != actual.size()) {
                diff.add("count: expected " + count + " rows, actual " + actual.size());
            }
        });
        if (expectation.rows().isPresent()) {
            List<List<Object>> expected = new ArrayList<>();
            for (List<Object> literals : expectation.rows().get()) {
                expected.add(canonicalRow(literals, expectedColumns));
            }
            if (expectation.order().isPresent()) {
                String order = expectation.order().get();
                int expectedIndex = indexOf(expectedColumns, order);
                int actualIndex = indexOf(actualColumns, order);
                if (actualIndex < 0 && expectedIndex < 0 && !actualColumns.isEmpty()) {
                    // Neither side has it (the case's own slip): OpenMLDB's offline checker
                    // (ResultCheckerByOffline) sorts both sides by the first column whatever the order names.
                    actualIndex = 0;
                    expectedIndex = 0;
                }
                if (actualIndex < 0) {
                    diff.add("order column " + order + " is not in the result " + actualColumns);
                    return Optional.of(String.join("\n", diff));
                }
                if (expectedIndex < 0) {
                    expectedIndex = actualIndex;
                }
                expected.sort(byColumn(expectedIndex));
                actual.sort(byColumn(actualIndex));
            }
            compareRows(expected, actual, expectedColumns, diff);
        }
        return diff.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", diff));
    }

    private static List<Object> canonicalRow(List<Object> literals, List<Column> columns) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            Object literal = literals.get(i);
            if (i < columns.size()) {
                try {
                    values.add(columns.get(i).type().canonicalOfLiteral(literal));
                    continue;
                } catch (RuntimeException e) {
                    // A literal that does not fit the column's type stays as written, so the diff shows it.
                }
            }
            values.add(literal);
        }
        return values;
    }

    private static void compareRows(List<List<Object>> expected, List<List<Object>> actual, List<Column> columns,
            List<String> diff) {
        if (expected.size() != actual.size()) {
            diff.add("rows: expected " + expected.size() + ", actual " + actual.size());
        }
        int shown = 0;
        int differing = 0;
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            List<Object> want = i < expected.size() ? expected.get(i) : null;
            List<Object> got = i < actual.size() ? actual.get(i) : null;
            if (want != null && got != null && rowsMatch(want, got, columns)) {
                continue;
            }
            differing++;
            if (shown++ < MAX_ROWS_SHOWN) {
                diff.add("row " + (i + 1) + ": expected " + render(want));
                diff.add(" ".repeat(String.valueOf(i + 1).length()) + "      actual   " + render(got));
            }
        }
        if (differing > MAX_ROWS_SHOWN) {
            diff.add("... " + (differing - MAX_ROWS_SHOWN) + " more differing rows");
        }
    }

    private static boolean rowsMatch(List<Object> expected, List<Object> actual, List<Column> columns) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            boolean floating = i < columns.size()
                    && (columns.get(i).type() == ColumnType.FLOAT || columns.get(i).type() == ColumnType.DOUBLE);
            if (!valuesMatch(expected.get(i), actual.get(i), floating)) {
                return false;
            }
        }
        return true;
    }

    /** Whether two canonical values match; numbers of a floating column (or either side a double) within tolerance. */
    static boolean valuesMatch(Object expected, Object actual, boolean floating) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            if (floating || e instanceof Double || a instanceof Double) {
                return closeEnough(e.doubleValue(), a.doubleValue());
            }
            return e.longValue() == a.longValue();
        }
        return Objects.equals(expected, actual);
    }

    static boolean closeEnough(double expected, double actual) {
        if (Double.compare(expected, actual) == 0 || expected == actual) {
            return true;
        }
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return false;
        }
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * scale;
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Comparator<List<Object>> byColumn(int index) {
        return (left, right) -> compareValues(index < left.size() ? left.get(index) : null,
                index < right.size() ? right.get(index) : null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Number l && right instanceof Number r) {
            return Double.compare(l.doubleValue(), r.doubleValue());
        }
        if (left.getClass() == right.getClass() && left instanceof Comparable comparable) {
            return comparable.compareTo(right);
        }
        return left.toString().compareTo(right.toString());
    }

    static String render(List<Object> row) {
        if (row == null) {
            return "(no row)";
        }
        return row.stream().map(ResultComparator::render).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d);
        }
        return value.toString();
    }
}

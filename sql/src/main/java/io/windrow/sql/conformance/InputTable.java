package io.windrow.sql.conformance;

import io.windrow.sql.ddl.TableIndex;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One input table of a case: the name the SQL uses (given, or {@code auto_t<i>} for the
 * {@code {i}} placeholder), the database it is created in ({@code db} of the input, else of the
 * case or file), its columns, its indexes (those with a TS column) and its rows as literals of
 * the case file, one list per row in column order ({@code repeat} already applied).
 */
public record InputTable(
        String name, Optional<String> database, List<Column> columns, List<TableIndex> indexes,
        List<List<Object>> rows) {
    public InputTable {
        requireNonNull(name, "name");
        requireNonNull(database, "database");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        rows = rows.stream().map(java.util.Collections::unmodifiableList).toList();
    }

    public InputTable(String name, List<Column> columns, List<TableIndex> indexes, List<List<Object>> rows) {
        this(name, Optional.empty(), columns, indexes, rows);
    }
}

package io.windrow.sql.ddl;

import static java.util.Objects.requireNonNull;

/**
 * An input table cannot be read as its DDL declares: the path does not exist, holds no data files
 * or a corrupt one, a column is missing or has another type, a CSV header or value does not
 * match. The message is one line naming the table and the path (and file, line, column when known);
 * a caller that knows the config key adds it.
 */
public final class TableInputException extends RuntimeException {
    private final String table;
    private final String path;
    private final String problem;

    public TableInputException(String table, String path, String problem) {
        this(table, path, problem, null);
    }

    public TableInputException(String table, String path, String problem, Throwable cause) {
        super("table " + requireNonNull(table, "table") + " (" + requireNonNull(path, "path") + "): "
                + requireNonNull(problem, "problem"), cause);
        this.table = table;
        this.path = path;
        this.problem = problem;
    }

    public String table() {
        return table;
    }

    public String path() {
        return path;
    }

    /** What is wrong, without the table and path. */
    public String problem() {
        return problem;
    }
}

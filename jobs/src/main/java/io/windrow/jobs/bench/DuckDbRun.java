package io.windrow.jobs.bench;

import io.windrow.jobs.WindrowException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Runs {@link DuckDbFeatures}' query in an in-process DuckDB (JDBC) over the parquet folders and
 * writes the result as one parquet file. DuckDB is the benchmark's independent reference; its
 * driver is on the launcher's classpath (a provided dependency of jobs).
 */
public final class DuckDbRun {
    private DuckDbRun() {}

    /** Writes the features to {@code outputFile} (local path); returns the number of rows. */
    public static long writeFeatures(Map<String, String> parquetFolders, String outputFile, int threads, String tempDir) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new WindrowException("DuckDB JDBC driver (org.duckdb:duckdb_jdbc) is not on the classpath", e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            if (threads > 0) {
                statement.execute("SET threads = " + threads);
            }
            statement.execute("SET temp_directory = '" + tempDir.replace("'", "''") + "'");
            statement.execute("SET preserve_insertion_order = false");
            for (String macro : DuckDbFeatures.MACROS) {
                statement.execute(macro);
            }
            String copy = "COPY (" + DuckDbFeatures.query(parquetFolders) + ") TO '" + outputFile.replace("'", "''")
                    + "' (FORMAT PARQUET)";
            statement.execute(copy);
            try (var rows = statement.executeQuery("SELECT count(*) FROM read_parquet('" + outputFile.replace("'", "''") + "')")) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new WindrowException("DuckDB reference query failed: " + e.getMessage(), e);
        }
    }
}

package io.windrow.sql.request;

import org.apache.spark.sql.types.StructType;

/**
 * Feature SQL evaluated for one request row, in-process and without Spark, with OpenMLDB's
 * request-mode semantics: the request is the current row of the main table and is not stored;
 * windows, UNION windows and LAST JOINs range over the stored rows of each table. The stored
 * history is appended row by row (a served request, a new event) and kept only as far back as
 * the SQL's windows and joins need. This is the contract between the engine and the predict
 * service; both sides code against it, so the service can be tested with any implementation.
 *
 * <p>Rows are arrays of Spark's external Java values in the table's DDL column order
 * ({@code Integer}, {@code Long}, {@code Double}, {@code String}, {@code java.sql.Timestamp},
 * {@code java.sql.Date}, ..., {@code null} for NULL). Implementations are thread-safe:
 * {@link #compute} may run concurrently with other computes and with {@link #append}.
 */
public interface RequestEngine {

    /** The feature row's columns, as the batch {@code features} stage would write them. */
    StructType outputSchema();

    /** The columns of a table the SQL reads. */
    StructType tableSchema(String table);

    /** The main table's name: the table a request row belongs to. */
    String mainTable();

    /**
     * The feature row of one request of the main table.
     *
     * @throws io.windrow.sql.SqlException never: the SQL was checked when the engine was built
     * @throws IllegalArgumentException naming the column, for a row of the wrong width or type, or
     *     a NULL/negative order key
     */
    Object[] compute(Object[] request);

    /**
     * Stores a row of a table (the main table included), keeping every index current.
     *
     * @throws IllegalArgumentException naming the column, for a row that does not fit the table;
     *     nothing is stored then
     */
    void append(String table, Object[] row);
}

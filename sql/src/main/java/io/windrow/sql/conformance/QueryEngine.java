package io.windrow.sql.conformance;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;

/**
 * What the conformance runner runs cases on: {@code FeatureEngine::execute}, or a stand-in in the
 * runner's own tests. Tables are keyed by the name the SQL uses: a table of the case's default
 * database by its plain name (and by {@code db.name}), one of another database by {@code db.name}.
 */
@FunctionalInterface
public interface QueryEngine {
    /** Runs one statement over the named tables; throws for an invalid statement. */
    Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables);

    /**
     * Runs one parameterized statement: {@code parameters} holds the values of its {@code ?}
     * placeholders in order, typed by its schema. An engine that takes no parameters says so.
     */
    default Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables, Row parameters) {
        throw new UnsupportedOperationException("parameterized queries ('?' with parameters) are not supported by "
                + "this engine");
    }
}

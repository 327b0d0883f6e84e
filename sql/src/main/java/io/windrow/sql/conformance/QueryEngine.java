package io.windrow.sql.conformance;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;

/**
 * What the conformance runner runs cases on: {@code FeatureEngine::execute}, or a stand-in in the
 * runner's own tests.
 */
@FunctionalInterface
public interface QueryEngine {
    /** Runs one statement over the named tables; throws for an invalid statement. */
    Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables);
}

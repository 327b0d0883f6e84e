package io.windrow.sql.conformance;

import io.windrow.sql.FeatureEngine;
import io.windrow.sql.parser.QueryParameters;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

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

    /** The engine the suite measures: {@link FeatureEngine}, parameters included. */
    static QueryEngine of(FeatureEngine engine) {
        requireNonNull(engine, "engine");
        return new QueryEngine() {
            @Override
            public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables) {
                return engine.execute(sql, tables);
            }

            @Override
            public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables, Row parameters) {
                return engine.execute(sql, tables, parameters(parameters));
            }
        };
    }

    /** A parameter row (one column per {@code ?}, typed by its schema) as the engine's parameters. */
    private static QueryParameters parameters(Row row) {
        List<SqlType> types = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            StructField field = row.schema().fields()[i];
            types.add(SqlType.of(field.dataType()).orElseThrow(() -> new IllegalArgumentException("parameter "
                    + field.name() + " has the type " + field.dataType().simpleString() + ", which the dialect lacks")));
            values.add(row.get(i));
        }
        return new QueryParameters(types, values);
    }
}

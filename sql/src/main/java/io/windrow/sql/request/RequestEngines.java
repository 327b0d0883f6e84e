package io.windrow.sql.request;

import io.windrow.sql.FeatureEngine;
import io.windrow.sql.SqlException;
import io.windrow.sql.ast.Select;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.Planner;
import io.windrow.udf.scalar.ScalarCatalog;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Builds {@link RequestEngine}s from feature SQL and the DDL schemas of its tables. The SQL is
 * parsed and planned by the batch engine's {@link Planner} (same names, types, window groups and
 * function implementations); request mode then evaluates that typed plan row by row.
 */
public final class RequestEngines {
    private RequestEngines() {
    }

    /**
     * An engine for {@code sql} over tables with these schemas, holding no rows yet.
     *
     * @throws io.windrow.sql.SqlException for SQL the batch engine would reject, or that request mode
     *     does not support (with line:column)
     */
    public static RequestEngine create(String sql, Map<String, StructType> schemas) {
        requireNonNull(sql, "sql");
        requireNonNull(schemas, "schemas");
        Select query = Parser.parseQuery(sql);
        PlanNode plan = new Planner(schemas, FeatureEngine.standardFunctions(), ScalarCatalog.standard(),
                table -> false).plan(query);
        String main = RequestPlanner.mainTable(plan);
        Map<String, StructType> tables = new LinkedHashMap<>(schemas);
        for (Map.Entry<String, StructType> table : tables.entrySet()) {
            for (StructField field : table.getValue().fields()) {
                if (InputRows.javaClass(field.dataType()) == null) {
                    throw new SqlException(query.position(), table.getKey() + "." + field.name(),
                            "request mode does not support column type " + field.dataType().simpleString()
                                    + " of " + table.getKey() + "." + field.name());
                }
            }
        }
        RequestPlanner planner = new RequestPlanner(main, query.position(), FeatureEngine.standardFunctions());
        RequestNode root = planner.compile(plan);
        return new PlannedRequestEngine(main, tables, plan, root, planner.listeners());
    }
}

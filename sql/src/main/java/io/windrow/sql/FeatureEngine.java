package io.windrow.sql;

import io.windrow.sql.ast.Select;
import io.windrow.sql.exec.PlanExecutor;
import io.windrow.sql.exec.WindowGroupExec;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.Planner;
import io.windrow.udf.FunctionRegistry;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Runs feature SQL in the OpenMLDB dialect on stock Spark: parses the text
 * ({@link io.windrow.sql.parser.Parser}), plans it ({@link Planner}: names resolved, windows grouped)
 * and builds the Spark Dataset ({@link PlanExecutor}). Tables are given by name (as the SQL refers
 * to them). The output rows are in the main table's input order, whatever the partitioning.
 */
public final class FeatureEngine {
    private final SparkSession spark;
    private final FunctionCatalog functions;
    private final int partitions;

    public FeatureEngine(SparkSession spark) {
        this(spark, standardFunctions(), 0);
    }

    /**
     * @param functions where window functions are found
     * @param partitions partitions for the window and join shuffles; 0 uses Spark's default
     */
    public FeatureEngine(SparkSession spark, FunctionCatalog functions, int partitions) {
        this.spark = requireNonNull(spark, "spark");
        this.functions = requireNonNull(functions, "functions");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0");
        }
        this.partitions = partitions;
    }

    /** The window functions of io.windrow.udf. */
    public static FunctionCatalog standardFunctions() {
        return name -> FunctionRegistry.standard().lookup(name);
    }

    /** A query's result plus, per window group, the main rows it dropped for a NULL/negative order key. */
    public record Execution(Dataset<Row> output, List<Dataset<Row>> droppedRows) {
        /** Counts the dropped rows (one Spark job per window group). */
        public long droppedRowCount() {
            return droppedRows.stream().mapToLong(Dataset::count).sum();
        }
    }

    /**
     * Executes one SELECT statement of the dialect over the named tables.
     *
     * @throws IllegalArgumentException for syntax errors (with line:column), unknown tables,
     *     columns or functions, and unsupported constructs
     */
    public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables) {
        return run(sql, tables).output();
    }

    /** Like {@link #execute} but also returns what the window groups dropped, for metrics. */
    public Execution run(String sql, Map<String, Dataset<Row>> tables) {
        requireNonNull(sql, "sql");
        return run(Parser.parseQuery(sql), tables);
    }

    public Execution run(Select query, Map<String, Dataset<Row>> tables) {
        requireNonNull(query, "query");
        requireNonNull(tables, "tables");
        Map<String, StructType> schemas = new LinkedHashMap<>();
        tables.forEach((name, table) -> schemas.put(name, table.schema()));
        PlanNode plan = new Planner(schemas, functions).plan(query);
        PlanExecutor executor = new PlanExecutor(tables, functions, partitions);
        Dataset<Row> ordered = executor.executeInInputOrder(plan).select(PlanExecutor.named(plan).toArray(new Column[0]));
        return new Execution(ordered, executor.windowResults().stream().map(WindowGroupExec.Result::droppedRows).toList());
    }

    SparkSession spark() {
        return spark;
    }
}

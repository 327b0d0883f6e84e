package io.windrow.sql;

import io.windrow.sql.ast.Select;
import io.windrow.sql.exec.PlanExecutor;
import io.windrow.sql.exec.WindowGroupExec;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.parser.QueryParameters;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.PlanPrinter;
import io.windrow.sql.plan.Planner;
import io.windrow.sql.plan.Scan;
import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.scalar.ScalarCatalog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Runs feature SQL in the OpenMLDB dialect on stock Spark: parses the text
 * ({@link io.windrow.sql.parser.Parser}), plans it ({@link Planner}: names resolved, expressions
 * typed with OpenMLDB's rules, windows grouped, every user error raised as a {@link SqlException})
 * and builds the Spark Dataset ({@link PlanExecutor}); {@link #explain} prints the typed plan. Tables are given by name (as the SQL refers
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
     * @throws SqlException for syntax errors, unknown tables, columns or functions, wrong types and
     *     unsupported constructs (with line:column and the offending text)
     */
    public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables) {
        return run(sql, tables).output();
    }

    /**
     * Executes a parameterized statement: its {@code ?} placeholders take {@code parameters}' values,
     * in order, as constants of their declared types.
     */
    public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables, QueryParameters parameters) {
        return run(sql, tables, parameters).output();
    }

    /** Like {@link #execute} but also returns what the window groups dropped, for metrics. */
    public Execution run(String sql, Map<String, Dataset<Row>> tables) {
        return run(sql, tables, QueryParameters.NONE);
    }

    /** {@link #run(String, Map)} of a parameterized statement (see {@link #execute(String, Map, QueryParameters)}). */
    public Execution run(String sql, Map<String, Dataset<Row>> tables, QueryParameters parameters) {
        requireNonNull(sql, "sql");
        return run(Parser.parseQuery(sql, parameters), tables);
    }

    public Execution run(Select query, Map<String, Dataset<Row>> tables) {
        return run(query, tables, Long.MIN_VALUE);
    }

    /**
     * Like {@link #run(Select, Map)} for a range run ({@link io.windrow.sql.range.RangeInputs}): the
     * tables carry each row's position in a column {@code __pos}, and only main rows at or after
     * {@code minPosition} are output.
     */
    public Execution run(Select query, Map<String, Dataset<Row>> tables, long minPosition) {
        requireNonNull(query, "query");
        requireNonNull(tables, "tables");
        tables = withOneRow(tables); // a SELECT without FROM, also as a subquery, reads it
        PlanNode plan = plan(query, tables);
        PlanExecutor executor = new PlanExecutor(tables, functions, partitions);
        Dataset<Row> ordered = executor.executeInInputOrder(plan, minPosition)
                .select(PlanExecutor.named(plan).toArray(new Column[0]));
        return new Execution(ordered, executor.windowResults().stream().map(WindowGroupExec.Result::droppedRows).toList());
    }

    /**
     * The typed plan of a query over these tables, as text: window groups with their frames and
     * keys, where data is shuffled, each LAST JOIN's strategy (broadcast when Spark estimates the
     * right side's tables small) and the output schema. Runs no Spark job.
     */
    public String explain(String sql, Map<String, Dataset<Row>> tables) {
        requireNonNull(sql, "sql");
        requireNonNull(tables, "tables");
        return PlanPrinter.print(plan(Parser.parseQuery(sql), tables));
    }

    /**
     * The typed plan of a query over tables known by their schemas only (a DDL file), without Spark.
     * Table sizes are unknown, so no LAST JOIN is shown as broadcast.
     */
    public static String explain(Select query, Map<String, StructType> schemas, FunctionCatalog functions) {
        requireNonNull(query, "query");
        return PlanPrinter.print(new Planner(schemas, functions, ScalarCatalog.standard(), table -> false)
                .plan(query));
    }

    /** The tables plus the one row without columns that a SELECT without FROM reads. */
    private Map<String, Dataset<Row>> withOneRow(Map<String, Dataset<Row>> tables) {
        Map<String, Dataset<Row>> withRow = new LinkedHashMap<>(tables);
        withRow.put(Scan.ONE_ROW, spark.range(1).select(new Column[0]));
        return withRow;
    }

    /** The typed plan of a query over these tables (a range run derives its history rule from it). */
    public PlanNode plan(Select query, Map<String, Dataset<Row>> tables) {
        Map<String, StructType> schemas = new LinkedHashMap<>();
        tables.forEach((name, table) -> schemas.put(name, withoutPosition(table.schema())));
        return new Planner(schemas, functions, ScalarCatalog.standard(), name -> small(tables.get(name))).plan(query);
    }

    /**
     * Whether Spark estimates {@code table} under {@code spark.sql.autoBroadcastJoinThreshold}: a LAST
     * JOIN whose right side reads only such tables broadcasts it.
     */
    private static boolean small(Dataset<Row> table) {
        long threshold = SQLConf.get().autoBroadcastJoinThreshold();
        if (threshold <= 0 || table == null) {
            return false;
        }
        BigInteger bytes = table.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
        return bytes.compareTo(BigInteger.valueOf(threshold)) <= 0;
    }

    private static StructType withoutPosition(StructType schema) {
        return new StructType(java.util.Arrays.stream(schema.fields())
                .filter(field -> !field.name().equals(io.windrow.sql.exec.Columns.POSITION))
                .toArray(org.apache.spark.sql.types.StructField[]::new));
    }

    SparkSession spark() {
        return spark;
    }
}

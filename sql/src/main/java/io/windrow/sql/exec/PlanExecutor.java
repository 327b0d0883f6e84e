package io.windrow.sql.exec;

import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.Filter;
import io.windrow.sql.plan.FunctionCatalog;
import io.windrow.sql.plan.GroupAggregate;
import io.windrow.sql.plan.LastJoin;
import io.windrow.sql.plan.LeftJoin;
import io.windrow.sql.plan.Limit;
import io.windrow.sql.plan.PlanNode;
import io.windrow.sql.plan.Project;
import io.windrow.sql.plan.Scan;
import io.windrow.sql.plan.TableAggregate;
import io.windrow.sql.plan.WindowGroup;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.windrow.sql.exec.Columns.col;
import static java.util.Objects.requireNonNull;

/**
 * Builds the Spark Dataset of a logical plan. Every Dataset it returns has the node's field ids as
 * columns plus {@link Columns#POSITION}, the row's position in the input order of its table (see
 * {@link InputPosition}: files in path order, rows in file order); the final output follows the main
 * table's.
 */
public final class PlanExecutor {
    private final Map<String, Dataset<Row>> tables;
    private final FunctionCatalog catalog;
    private final int partitions;
    private final List<WindowGroupExec.Result> windowResults = new ArrayList<>();

    public PlanExecutor(Map<String, Dataset<Row>> tables, FunctionCatalog catalog, int partitions) {
        this.tables = requireNonNull(tables, "tables");
        this.catalog = requireNonNull(catalog, "catalog");
        this.partitions = partitions;
    }

    /** The window groups executed so far, with the rows each dropped. */
    public List<WindowGroupExec.Result> windowResults() {
        return windowResults;
    }

    /** The plan's rows in the input order of its main table (see {@link InputOrder}). */
    public Dataset<Row> executeInInputOrder(PlanNode plan) {
        return executeInInputOrder(plan, Long.MIN_VALUE);
    }

    /**
     * Like {@link #executeInInputOrder(PlanNode)}, keeping only rows whose main-table position is at
     * least {@code minPosition}: a range run drops the rows of the history it read.
     */
    public Dataset<Row> executeInInputOrder(PlanNode plan, long minPosition) {
        Dataset<Row> rows = execute(plan);
        if (minPosition != Long.MIN_VALUE) {
            rows = rows.filter(col(Columns.POSITION).geq(org.apache.spark.sql.functions.lit(minPosition)));
        }
        if (readsLeftJoin(plan)) {
            // A LEFT JOIN renumbers its rows (LeftJoinExec): their positions are no longer the main
            // table's, so the order is restored by a sort on them.
            return rows.orderBy(col(Columns.POSITION));
        }
        return InputOrder.restore(rows, tables.get(mainScan(plan).table()));
    }

    /** Whether the main (left) inputs pass through a LEFT JOIN. */
    private static boolean readsLeftJoin(PlanNode node) {
        while (!(node instanceof Scan)) {
            if (node instanceof LeftJoin) {
                return true;
            }
            node = mainChild(node);
        }
        return false;
    }

    /** The scan whose positions the plan's output rows carry: down the main (left) inputs. */
    private static Scan mainScan(PlanNode node) {
        while (!(node instanceof Scan)) {
            node = mainChild(node);
        }
        return (Scan) node;
    }

    private static PlanNode mainChild(PlanNode node) {
        if (node instanceof Project project) {
            return project.child();
        } else if (node instanceof Filter filter) {
            return filter.child();
        } else if (node instanceof Limit limit) {
            return limit.child();
        } else if (node instanceof LastJoin join) {
            return join.left();
        } else if (node instanceof LeftJoin join) {
            return join.left();
        } else if (node instanceof TableAggregate aggregate) {
            return aggregate.child();
        } else if (node instanceof GroupAggregate aggregate) {
            return aggregate.child();
        }
        return ((WindowGroup) node).child();
    }

    public Dataset<Row> execute(PlanNode node) {
        if (node instanceof Scan scan) {
            Dataset<Row> table = tables.get(scan.table());
            StructField[] fields = table.schema().fields();
            List<Column> columns = new ArrayList<>();
            boolean given = false; // a range run gives each row the position a full run would
            for (int i = 0, field = 0; i < fields.length; i++) {
                if (fields[i].name().equals(Columns.POSITION)) {
                    given = true;
                } else {
                    columns.add(col(fields[i].name()).as(scan.output().get(field++).id()));
                }
            }
            columns.add((given ? col(Columns.POSITION) : InputPosition.of(table).column()).as(Columns.POSITION));
            return table.select(columns.toArray(new Column[0]));
        }
        if (node instanceof Project project) {
            Dataset<Row> input = execute(project.child());
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < project.expressions().size(); i++) {
                columns.add(SparkExpressions.column(project.expressions().get(i)).as(project.output().get(i).id()));
            }
            columns.add(col(Columns.POSITION));
            return input.select(columns.toArray(new Column[0]));
        }
        if (node instanceof Filter filter) {
            Dataset<Row> input = execute(filter.child());
            return input.filter(SparkExpressions.column(filter.condition()));
        }
        if (node instanceof Limit limit) {
            return execute(limit.child()).orderBy(col(Columns.POSITION)).limit((int) Math.min(Integer.MAX_VALUE,
                    limit.count()));
        }
        if (node instanceof LastJoin join) {
            List<LastJoin> chain = LastJoinExec.chain(join);
            Dataset<Row> left = execute(chain.get(0).left());
            List<Dataset<Row>> rights = new ArrayList<>();
            for (LastJoin link : chain) {
                rights.add(execute(link.right()));
            }
            return LastJoinExec.execute(chain, left, rights, partitions);
        }
        if (node instanceof LeftJoin join) {
            return LeftJoinExec.execute(join, execute(join.left()), execute(join.right()));
        }
        if (node instanceof TableAggregate aggregate) {
            return TableAggregateExec.execute(aggregate, execute(aggregate.child()), catalog);
        }
        if (node instanceof GroupAggregate aggregate) {
            return GroupAggregateExec.execute(aggregate, execute(aggregate.child()), catalog, partitions);
        }
        WindowGroup group = (WindowGroup) node;
        Dataset<Row> main = execute(group.child());
        List<Dataset<Row>> unions = new ArrayList<>();
        for (PlanNode union : group.unions()) {
            unions.add(execute(union));
        }
        WindowGroupExec.Result result = WindowGroupExec.execute(group, main, unions, catalog, partitions);
        windowResults.add(result);
        return result.output();
    }

    /** The columns of a node's output in SQL names, for the final select. */
    public static List<Column> named(PlanNode node) {
        List<Column> columns = new ArrayList<>();
        for (Field field : node.output()) {
            columns.add(col(field.id()).as(field.name()));
        }
        return columns;
    }
}

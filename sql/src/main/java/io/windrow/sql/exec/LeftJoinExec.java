package io.windrow.sql.exec;

import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.LeftJoin;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

/**
 * LEFT JOIN on Spark: an outer join on the condition. A left row may come out several times, and
 * every operator above relies on positions naming one row each (a LAST JOIN keeps one result per
 * left position), so the rows are sorted by (left position, right position) and numbered afresh in
 * that order: deterministic, and the input order of the join's result.
 */
final class LeftJoinExec {
    private static final String RIGHT_POSITION = "__left_join_rpos";
    private static final String LEFT_POSITION = "__left_join_lpos";

    private LeftJoinExec() {}

    static Dataset<Row> execute(LeftJoin join, Dataset<Row> left, Dataset<Row> right) {
        Dataset<Row> matched = left.withColumnRenamed(Columns.POSITION, LEFT_POSITION)
                .join(right.withColumnRenamed(Columns.POSITION, RIGHT_POSITION),
                        SparkExpressions.column(join.condition()), "left");
        List<Column> columns = new ArrayList<>();
        for (Field field : join.output()) {
            columns.add(col(field.id()));
        }
        // After a global sort the ids increase in the sorted order (partition, then row in partition).
        columns.add(monotonically_increasing_id().as(Columns.POSITION));
        return matched.orderBy(col(LEFT_POSITION), col(RIGHT_POSITION).asc_nulls_first())
                .select(columns.toArray(new Column[0]));
    }
}

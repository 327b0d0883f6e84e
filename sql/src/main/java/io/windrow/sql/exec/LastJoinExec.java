package io.windrow.sql.exec;

import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.LastJoin;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * LAST JOIN on Spark. Which right row wins (documented, deterministic): the one with the largest
 * ORDER BY value; without ORDER BY, or among equal values, the one latest in the right input's
 * order (largest position). NULL ORDER BY values lose to any non-NULL value. NULL keys never match.
 *
 * <p>The planner chose the strategy ({@link LastJoin.Strategy}): equality keys against a small right
 * side broadcast its winning rows ({@link BroadcastLastJoin}); equality keys, optionally with one
 * time predicate ({@code l.ts >= r.ts}, {@code l.ts > r.ts}), run as one streamed pass
 * ({@link StreamedLastJoin}), which also zips chains of joins on the same left keys in that one
 * pass; any other extra predicate joins the matches and keeps the best one per left row.
 */
public final class LastJoinExec {
    private static final String RIGHT_POSITION = "__rpos";

    private LastJoinExec() {}

    /** The joins {@code outer} runs together with (innermost first); see {@link StreamedLastJoin#chain}. */
    public static List<LastJoin> chain(LastJoin outer) {
        return StreamedLastJoin.chain(outer);
    }

    /**
     * Joins the innermost left input with each right input of {@code chain} (from {@link #chain});
     * {@code rights.get(i)} is the executed right input of {@code chain.get(i)}.
     */
    public static Dataset<Row> execute(List<LastJoin> chain, Dataset<Row> left, List<Dataset<Row>> rights,
            int partitions) {
        LastJoin first = chain.get(0);
        return switch (first.strategy()) {
            case BROADCAST -> BroadcastLastJoin.execute(first, left, rights.get(0));
            case STREAMED -> StreamedLastJoin.execute(chain, left, rights, partitions);
            case MATCH_AND_RANK -> matchAndRank(first, left, rights.get(0));
        };
    }

    /** The general form: every match of the ON condition, then the best one per left row. */
    private static Dataset<Row> matchAndRank(LastJoin join, Dataset<Row> left, Dataset<Row> right) {
        Dataset<Row> renamedRight = right.withColumnRenamed(Columns.POSITION, RIGHT_POSITION);
        Column condition = join.residual() == null ? lit(true) : SparkExpressions.column(join.residual());
        for (int i = 0; i < join.leftKeys().size(); i++) {
            condition = condition.and(SparkExpressions.column(join.leftKeys().get(i))
                    .equalTo(SparkExpressions.column(join.rightKeys().get(i))));
        }
        Dataset<Row> matched = left.join(renamedRight, condition, "left");
        Column order = join.orderBy() == null ? col(RIGHT_POSITION).desc_nulls_last()
                : col(join.orderBy()).desc_nulls_last();
        Dataset<Row> best = matched.withColumn("__rank", row_number().over(Window.partitionBy(col(Columns.POSITION))
                .orderBy(order, col(RIGHT_POSITION).desc_nulls_last()))).filter(col("__rank").equalTo(lit(1)));
        List<Column> columns = new ArrayList<>();
        for (Field field : join.output()) {
            columns.add(col(field.id()));
        }
        columns.add(col(Columns.POSITION));
        return best.select(columns.toArray(new Column[0]));
    }
}

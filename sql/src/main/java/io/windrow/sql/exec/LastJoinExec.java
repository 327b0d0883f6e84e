package io.windrow.sql.exec;

import io.windrow.sql.ddl.SqlTypes;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.LastJoin;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.TimestampType;

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
 * <p>Equality keys against a small right side broadcast its winning rows ({@link BroadcastLastJoin}).
 * Equality keys, optionally with one time predicate ({@code l.ts >= r.ts}, {@code l.ts > r.ts}),
 * run as one streamed pass ({@link StreamedLastJoin}), which also zips chains of joins on the same
 * left keys in that one pass. Any other extra predicate falls back to joining the matches and
 * keeping the best one per left row.
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
        for (int i = 0; i < chain.size(); i++) {
            requireOrderable(chain.get(i), rights.get(i));
        }
        if (chain.size() == 1) {
            Dataset<Row> broadcast = BroadcastLastJoin.tryExecute(chain.get(0), left, rights.get(0));
            if (broadcast != null) {
                return broadcast;
            }
        }
        Dataset<Row> streamed = StreamedLastJoin.tryExecute(chain, left, rights, partitions);
        if (streamed != null) {
            return streamed;
        }
        Dataset<Row> result = left;
        for (int i = 0; i < chain.size(); i++) {
            result = matchAndRank(chain.get(i), result, rights.get(i));
        }
        return result;
    }

    private static void requireOrderable(LastJoin join, Dataset<Row> right) {
        if (join.orderBy() == null) {
            return;
        }
        DataType type = right.schema().apply(join.orderBy()).dataType();
        if (!(type instanceof IntegralType || type instanceof TimestampType)) {
            throw new IllegalArgumentException(join.position() + ": LAST JOIN ORDER BY needs an integer or "
                    + "timestamp column, not " + SqlTypes.name(type) + " near 'ORDER BY'");
        }
    }

    /** The general form: every match of the ON condition, then the best one per left row. */
    private static Dataset<Row> matchAndRank(LastJoin join, Dataset<Row> left, Dataset<Row> right) {
        Dataset<Row> renamedRight = right.withColumnRenamed(Columns.POSITION, RIGHT_POSITION);
        Dataset<Row> both = left.crossJoin(renamedRight.limit(0));
        ExpressionCompiler bothCompiler = new ExpressionCompiler(both);
        Column condition = join.residual() == null ? lit(true) : bothCompiler.compile(join.residual());
        for (int i = 0; i < join.leftKeys().size(); i++) {
            condition = condition.and(bothCompiler.compile(join.leftKeys().get(i))
                    .equalTo(bothCompiler.compile(join.rightKeys().get(i))));
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

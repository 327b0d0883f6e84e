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
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

/**
 * LAST JOIN on Spark. Which right row wins (documented, deterministic): the one with the largest
 * ORDER BY value; without ORDER BY, or among equal values, the one latest in the right input's
 * order (largest position). NULL ORDER BY values lose to any non-NULL value. NULL keys never match.
 *
 * <p>With only equality keys the right side is first reduced to its winning row per key (one
 * aggregation), then left-joined: no left row ever sees more than one candidate. With an extra
 * time predicate ({@code l.ts >= r.ts}, {@code l.ts > r.ts}) it is an as-of join ({@link AsOfJoin}):
 * left and right rows sorted together by key and time, one streaming pass. Any other extra
 * predicate falls back to joining the matches and keeping the best one per left row.
 */
public final class LastJoinExec {
    private static final String RIGHT_POSITION = "__rpos";

    private LastJoinExec() {}

    public static Dataset<Row> execute(LastJoin join, Dataset<Row> left, Dataset<Row> right, int partitions) {
        ExpressionCompiler leftCompiler = new ExpressionCompiler(left);
        ExpressionCompiler rightCompiler = new ExpressionCompiler(right);
        List<Column> rightColumns = new ArrayList<>();
        for (Field field : join.right().output()) {
            rightColumns.add(col(field.id()));
        }
        if (join.orderBy() != null) {
            org.apache.spark.sql.types.DataType type = right.schema().apply(join.orderBy()).dataType();
            if (!(type instanceof org.apache.spark.sql.types.IntegralType
                    || type instanceof org.apache.spark.sql.types.TimestampType)) {
                throw new IllegalArgumentException(join.position() + ": LAST JOIN ORDER BY needs an integer or "
                        + "timestamp column, not " + io.windrow.sql.ddl.SqlTypes.name(type) + " near 'ORDER BY'");
            }
        }
        Column ranking = join.orderBy() == null ? struct(col(RIGHT_POSITION))
                : struct(col(join.orderBy()), col(RIGHT_POSITION));
        if (join.residual() == null) {
            Dataset<Row> keyedRight = right.withColumnRenamed(Columns.POSITION, RIGHT_POSITION);
            List<Column> keyColumns = new ArrayList<>();
            for (int i = 0; i < join.rightKeys().size(); i++) {
                keyedRight = keyedRight.withColumn("__rk" + i, rightCompiler.compile(join.rightKeys().get(i)));
                keyColumns.add(col("__rk" + i));
            }
            Dataset<Row> reduced = keyedRight
                    .groupBy(keyColumns.toArray(new Column[0]))
                    .agg(max_by(struct(rightColumns.toArray(new Column[0])), ranking).as("__best"));
            List<Column> flat = new ArrayList<>(keyColumns);
            for (Field field : join.right().output()) {
                flat.add(col("__best").getField(field.id()).as(field.id()));
            }
            reduced = reduced.select(flat.toArray(new Column[0]));
            Dataset<Row> keyedLeft = left;
            Column condition = lit(true);
            for (int i = 0; i < join.leftKeys().size(); i++) {
                keyedLeft = keyedLeft.withColumn("__lk" + i, leftCompiler.compile(join.leftKeys().get(i)));
                condition = condition.and(col("__lk" + i).equalTo(col("__rk" + i)));
            }
            if (join.leftKeys().isEmpty()) {
                // No key: every left row sees the single overall winner.
                keyedLeft = keyedLeft.withColumn("__lk", lit(1));
                reduced = reduced.withColumn("__rk", lit(1));
                condition = col("__lk").equalTo(col("__rk"));
            }
            return select(keyedLeft.join(reduced, condition, "left"), join);
        }
        Dataset<Row> asOf = AsOfJoin.tryExecute(join, left, right, partitions);
        if (asOf != null) {
            return asOf;
        }
        Dataset<Row> renamedRight = right.withColumnRenamed(Columns.POSITION, RIGHT_POSITION);
        Dataset<Row> both = left.crossJoin(renamedRight.limit(0));
        ExpressionCompiler bothCompiler = new ExpressionCompiler(both);
        Column condition = bothCompiler.compile(join.residual());
        for (int i = 0; i < join.leftKeys().size(); i++) {
            condition = condition.and(bothCompiler.compile(join.leftKeys().get(i))
                    .equalTo(bothCompiler.compile(join.rightKeys().get(i))));
        }
        Dataset<Row> matched = left.join(renamedRight, condition, "left");
        Column order = join.orderBy() == null ? col(RIGHT_POSITION).desc_nulls_last()
                : col(join.orderBy()).desc_nulls_last();
        Dataset<Row> best = matched.withColumn("__rank", row_number().over(Window.partitionBy(col(Columns.POSITION))
                .orderBy(order, col(RIGHT_POSITION).desc_nulls_last()))).filter(col("__rank").equalTo(lit(1)));
        return select(best, join);
    }

    private static Dataset<Row> select(Dataset<Row> joined, LastJoin join) {
        List<Column> columns = new ArrayList<>();
        for (Field field : join.output()) {
            columns.add(col(field.id()));
        }
        columns.add(col(Columns.POSITION));
        return joined.select(columns.toArray(new Column[0]));
    }
}

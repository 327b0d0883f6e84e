package io.windrow.sql.exec;

import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.LastJoin;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

/**
 * LAST JOIN against a small right table (a dimension such as the JD demo's {@code bo_product}):
 * the right side is reduced to its winning row per key (largest ORDER BY value, then latest input
 * position: {@link LastJoinExec}'s rule) and broadcast, so the left side is joined where it lies
 * instead of being shuffled by the key. The planner chooses it for equality-only conditions when
 * the tables the right side reads are small ({@link LastJoin.Strategy#BROADCAST}).
 */
final class BroadcastLastJoin {
    private BroadcastLastJoin() {}

    /** The joined rows: the join's output ids plus the left position. */
    static Dataset<Row> execute(LastJoin join, Dataset<Row> left, Dataset<Row> right) {
        List<Column> rightKeys = new ArrayList<>();
        Column keyPresent = null;
        for (int i = 0; i < join.rightKeys().size(); i++) {
            Column key = SparkExpressions.column(join.rightKeys().get(i)).as("__bk" + i);
            rightKeys.add(key);
            keyPresent = keyPresent == null ? col("__bk" + i).isNotNull() : keyPresent.and(col("__bk" + i).isNotNull());
        }
        List<Column> rightColumns = new ArrayList<>();
        for (Field field : join.right().output()) {
            rightColumns.add(col(field.id()));
        }
        Column rank = join.orderBy() == null ? struct(col(Columns.POSITION))
                : struct(col(join.orderBy()), col(Columns.POSITION));
        List<Column> reducedInput = new ArrayList<>(rightKeys);
        reducedInput.add(struct(rightColumns.toArray(new Column[0])).as("__row"));
        reducedInput.add(rank.as("__rank"));
        Column[] groupKeys = new Column[rightKeys.size()];
        for (int i = 0; i < groupKeys.length; i++) {
            groupKeys[i] = col("__bk" + i);
        }
        Dataset<Row> winners = right.select(reducedInput.toArray(new Column[0])).filter(keyPresent)
                .groupBy(groupKeys).agg(max_by(col("__row"), col("__rank")).as("__row"));

        List<Column> leftColumns = new ArrayList<>();
        for (String name : left.columns()) {
            leftColumns.add(col(name));
        }
        Column condition = null;
        for (int i = 0; i < join.leftKeys().size(); i++) {
            leftColumns.add(SparkExpressions.column(join.leftKeys().get(i)).as("__lk" + i));
            Column equal = col("__lk" + i).equalTo(col("__bk" + i));
            condition = condition == null ? equal : condition.and(equal);
        }
        Dataset<Row> joined = left.select(leftColumns.toArray(new Column[0])).join(broadcast(winners), condition, "left");
        List<Column> output = new ArrayList<>();
        for (Field field : join.output()) {
            output.add(join.right().output().contains(field) ? col("__row").getField(field.id()).as(field.id())
                    : col(field.id()));
        }
        output.add(col(Columns.POSITION));
        return joined.select(output.toArray(new Column[0]));
    }
}

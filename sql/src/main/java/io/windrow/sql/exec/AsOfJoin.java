package io.windrow.sql.exec;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.LastJoin;
import io.windrow.sql.plan.Planner;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_millis;

/**
 * The as-of form of LAST JOIN: equality keys plus one time predicate {@code left >= right} or
 * {@code left > right} (either way round). Left and right rows are unioned, partitioned by key,
 * sorted by time (right rows before left rows at equal time when the predicate is inclusive) and
 * streamed once: each left row takes the best right row seen so far (largest ORDER BY value, then
 * latest right input position). Memory per task: one right row per key.
 */
final class AsOfJoin {
    private AsOfJoin() {}

    /** The joined rows, or null when the join is not of the as-of form. */
    static Dataset<Row> tryExecute(LastJoin join, Dataset<Row> left, Dataset<Row> right, int partitions) {
        if (!(join.residual() instanceof Expr.Binary predicate) || join.leftKeys().isEmpty()) {
            return null;
        }
        Set<String> leftIds = ids(join.left().output());
        Set<String> rightIds = ids(join.right().output());
        Expr leftTime;
        Expr rightTime;
        boolean inclusive;
        Set<String> a = Planner.referencedIds(predicate.left());
        Set<String> b = Planner.referencedIds(predicate.right());
        boolean leftFirst = !a.isEmpty() && !b.isEmpty() && leftIds.containsAll(a) && rightIds.containsAll(b);
        boolean rightFirst = !a.isEmpty() && !b.isEmpty() && rightIds.containsAll(a) && leftIds.containsAll(b);
        String op = predicate.op();
        if (leftFirst && (op.equals(">=") || op.equals(">"))) {
            leftTime = predicate.left();
            rightTime = predicate.right();
            inclusive = op.equals(">=");
        } else if (rightFirst && (op.equals("<=") || op.equals("<"))) {
            leftTime = predicate.right();
            rightTime = predicate.left();
            inclusive = op.equals("<=");
        } else {
            return null;
        }
        ExpressionCompiler leftCompiler = new ExpressionCompiler(left);
        ExpressionCompiler rightCompiler = new ExpressionCompiler(right);
        Column lt = millis(leftCompiler, leftCompiler.compile(leftTime));
        Column rt = millis(rightCompiler, rightCompiler.compile(rightTime));
        if (lt == null || rt == null) {
            return null;
        }

        StructType leftSchema = left.schema();
        List<Field> rightFields = join.right().output();
        List<Column> leftSide = new ArrayList<>();
        List<Column> rightSide = new ArrayList<>();
        List<Column> keys = new ArrayList<>();
        for (int i = 0; i < join.leftKeys().size(); i++) {
            Column lk = leftCompiler.compile(join.leftKeys().get(i));
            DataType keyType = leftCompiler.typeOf(lk);
            leftSide.add(lk.as("__k" + i));
            rightSide.add(rightCompiler.compile(join.rightKeys().get(i)).try_cast(keyType).as("__k" + i));
            keys.add(col("__k" + i));
        }
        leftSide.add(lt.as("__t"));
        rightSide.add(rt.as("__t"));
        leftSide.add(lit(1).as("__side"));
        rightSide.add(lit(0).as("__side"));
        List<StructField> outFields = new ArrayList<>();
        for (StructField field : leftSchema.fields()) {
            leftSide.add(col(field.name()));
            rightSide.add(lit(null).cast(field.dataType()).as(field.name()));
            outFields.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
        }
        StructType rightSchema = right.schema();
        for (Field field : rightFields) {
            DataType type = rightSchema.apply(field.id()).dataType();
            leftSide.add(lit(null).cast(type).as(field.id()));
            rightSide.add(col(field.id()));
            outFields.add(DataTypes.createStructField(field.id(), type, true));
        }
        List<String> rankIds = new ArrayList<>();
        if (join.orderBy() != null) {
            rankIds.add(join.orderBy());
        }
        rankIds.add(Columns.POSITION);
        for (int i = 0; i < rankIds.size(); i++) {
            DataType type = rightSchema.apply(rankIds.get(i)).dataType();
            leftSide.add(lit(null).cast(type).as("__rank" + i));
            rightSide.add(col(rankIds.get(i)).as("__rank" + i));
        }
        Dataset<Row> rightRows = right.select(rightSide.toArray(new Column[0])).filter(col("__t").isNotNull());
        for (Column key : keys) {
            rightRows = rightRows.filter(key.isNotNull());
        }
        Dataset<Row> all = left.select(leftSide.toArray(new Column[0])).union(rightRows);
        Column[] keyArray = keys.toArray(new Column[0]);
        Dataset<Row> partitioned = partitions > 0 ? all.repartition(partitions, keyArray) : all.repartition(keyArray);
        List<Column> sort = new ArrayList<>(keys);
        sort.add(col("__t").asc_nulls_first());
        sort.add(inclusive ? col("__side") : lit(1).minus(col("__side")));
        Dataset<Row> sorted = partitioned.sortWithinPartitions(sort.toArray(new Column[0]));
        StructType outSchema = new StructType(outFields.toArray(new StructField[0]));
        Dataset<Row> joined = sorted.mapPartitions(new AsOfJoinProcessor(keys.size(), leftSchema.fields().length,
                rightFields.size(), rankIds.size()), Encoders.row(outSchema));
        List<Column> columns = new ArrayList<>();
        for (Field field : join.output()) {
            columns.add(col(field.id()));
        }
        columns.add(col(Columns.POSITION));
        return joined.select(columns.toArray(new Column[0]));
    }

    private static Column millis(ExpressionCompiler compiler, Column value) {
        DataType type = compiler.typeOf(value);
        if (type instanceof TimestampType) {
            return unix_millis(value);
        }
        if (type instanceof TimestampNTZType) {
            return unix_millis(value.cast(DataTypes.TimestampType));
        }
        if (type instanceof IntegralType) {
            return value.cast(DataTypes.LongType);
        }
        if (type instanceof DateType) {
            return unix_date(value).cast(DataTypes.LongType);
        }
        return null;
    }

    private static Set<String> ids(List<Field> fields) {
        Set<String> ids = new java.util.HashSet<>();
        fields.forEach(f -> ids.add(f.id()));
        return ids;
    }
}

package io.windrow.sql.exec;

import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.LastJoin;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

/**
 * LAST JOIN as one shuffle and one streaming pass, for ON conditions made of equality keys and at
 * most one time predicate ({@code l.t >= r.t} or {@code l.t > r.t}, either way round). The left
 * rows and the rows of every right input are unioned, partitioned by key, sorted by (key, time,
 * side) and streamed by {@link StreamedLastJoinProcessor}: each left row takes, per right input,
 * the best right row seen so far for its key. No right side is reduced or sorted on its own, and
 * no left row ever meets more than one candidate per input.
 *
 * <p>Chained equality-only joins on the same left keys ({@code a LAST JOIN b ON a.k = b.k LAST JOIN
 * c ON a.k = c.k}: the shape of feature scripts that zip their sub-selects by request id) share
 * one pass, so n sub-selects cost one shuffle instead of n - 1 joins. Each row travels with its
 * side's columns packed in one struct, so the union is not n times as wide.
 */
final class StreamedLastJoin {
    private StreamedLastJoin() {}

    /**
     * The joins that {@code outer} and the equality-only joins directly below it on its left form,
     * innermost first: all share the left keys of the innermost join's left input.
     */
    static List<LastJoin> chain(LastJoin outer) {
        Deque<LastJoin> chain = new ArrayDeque<>();
        chain.addFirst(outer);
        LastJoin current = outer;
        while (chainable(current) && current.left() instanceof LastJoin inner && chainable(inner)
                && inner.leftKeys().equals(current.leftKeys())) {
            chain.addFirst(inner);
            current = inner;
        }
        return List.copyOf(chain);
    }

    /** Equality keys only, streamed: such joins on the same left keys share one pass. */
    private static boolean chainable(LastJoin join) {
        return join.strategy() == LastJoin.Strategy.STREAMED && join.residual() == null && !join.leftKeys().isEmpty();
    }

    /**
     * Runs the chain (from {@link #chain}) over the innermost left input and each join's right
     * input; the result has the outermost join's output ids plus the left's position.
     */
    static Dataset<Row> execute(List<LastJoin> chain, Dataset<Row> left, List<Dataset<Row>> rights, int partitions) {
        LastJoin first = chain.get(0);
        LastJoin.AsOf time = first.asOf();
        Column leftTime = null;
        Column rightTime = null;
        if (time != null) {
            leftTime = Columns.epochMillis(SparkExpressions.column(time.left()), time.left().type().sparkType());
            rightTime = Columns.epochMillis(SparkExpressions.column(time.right()), time.right().type().sparkType());
        }
        int sides = chain.size();
        // At equal key (and time) right rows come first, so a left row sees them; an exclusive time
        // predicate puts the left row first instead.
        int leftSide = time != null && !time.inclusive() ? -1 : sides;

        List<Column> keys = new ArrayList<>();
        List<Column> leftColumns = new ArrayList<>();
        for (int i = 0; i < first.leftKeys().size(); i++) {
            Column key = SparkExpressions.column(first.leftKeys().get(i));
            leftColumns.add(key.as("__k" + i));
            keys.add(col("__k" + i));
        }
        if (keys.isEmpty()) {
            // No key: one group, every left row sees the overall winner (one task holds the pass).
            leftColumns.add(lit(true).as("__k0"));
            keys.add(col("__k0"));
        }
        if (time != null) {
            leftColumns.add(leftTime.as("__t"));
        }
        leftColumns.add(lit(leftSide).as("__side"));
        leftColumns.add(packed(left.schema()).as("__l"));

        List<StructType> rightStructs = new ArrayList<>();
        List<Dataset<Row>> prepared = new ArrayList<>();
        for (int s = 0; s < sides; s++) {
            LastJoin join = chain.get(s);
            Dataset<Row> right = rights.get(s);
            List<Column> rightPacked = new ArrayList<>();
            for (Field field : join.right().output()) {
                rightPacked.add(col(field.id()).as(field.id()));
            }
            if (join.orderBy() != null) {
                rightPacked.add(col(join.orderBy()).as("__rank_order"));
            }
            rightPacked.add(col(Columns.POSITION).as("__rank_position"));
            Column packed = struct(rightPacked.toArray(new Column[0]));
            List<Column> columns = new ArrayList<>();
            Column keyPresent = lit(true);
            for (int i = 0; i < join.rightKeys().size(); i++) {
                // The planner typed each key pair to one type, and chained joins have equal left keys.
                Column key = SparkExpressions.column(join.rightKeys().get(i));
                columns.add(key.as("__k" + i));
                keyPresent = keyPresent.and(col("__k" + i).isNotNull());
            }
            if (join.rightKeys().isEmpty()) {
                columns.add(lit(true).as("__k0"));
            }
            if (time != null) {
                columns.add(rightTime.as("__t"));
                keyPresent = keyPresent.and(col("__t").isNotNull());
            }
            columns.add(lit(s).as("__side"));
            Dataset<Row> withPacked = right.select(concat(columns, packed.as("__packed"))).filter(keyPresent);
            rightStructs.add((StructType) withPacked.schema().apply("__packed").dataType());
            prepared.add(withPacked);
        }

        StructType leftStruct = (StructType) left.select(leftColumns.toArray(new Column[0])).schema()
                .apply("__l").dataType();
        List<Column> unionColumns = new ArrayList<>(leftColumns);
        for (int s = 0; s < sides; s++) {
            unionColumns.add(lit(null).cast(rightStructs.get(s)).as("__r" + s));
        }
        Dataset<Row> all = left.select(unionColumns.toArray(new Column[0]));
        for (int s = 0; s < sides; s++) {
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                columns.add(col("__k" + i));
            }
            if (time != null) {
                columns.add(col("__t"));
            }
            columns.add(col("__side"));
            columns.add(lit(null).cast(leftStruct).as("__l"));
            for (int other = 0; other < sides; other++) {
                columns.add(other == s ? col("__packed").as("__r" + s) : lit(null).cast(rightStructs.get(other)).as("__r" + other));
            }
            all = all.union(prepared.get(s).select(columns.toArray(new Column[0])));
        }

        Column[] keyArray = keys.toArray(new Column[0]);
        Dataset<Row> partitioned = partitions > 0 ? all.repartition(partitions, keyArray) : all.repartition(keyArray);
        List<Column> sort = new ArrayList<>(keys);
        if (time != null) {
            sort.add(col("__t").asc_nulls_first());
        }
        sort.add(col("__side"));
        Dataset<Row> sorted = partitioned.sortWithinPartitions(sort.toArray(new Column[0]));

        List<StructField> outFields = new ArrayList<>();
        for (StructField field : left.schema().fields()) {
            outFields.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
        }
        int[] rightWidths = new int[sides];
        for (int s = 0; s < sides; s++) {
            List<Field> fields = chain.get(s).right().output();
            rightWidths[s] = fields.size();
            for (int i = 0; i < fields.size(); i++) {
                outFields.add(DataTypes.createStructField(fields.get(i).id(), rightStructs.get(s).fields()[i].dataType(), true));
            }
        }
        StructType outSchema = new StructType(outFields.toArray(new StructField[0]));
        StructType sortedSchema = sorted.schema();
        DataType[] sortedKeyTypes = new DataType[keys.size()];
        for (int i = 0; i < sortedKeyTypes.length; i++) {
            sortedKeyTypes[i] = sortedSchema.apply("__k" + i).dataType();
        }
        Dataset<Row> joined = InternalRowOperator.mapPartitions(sorted, outSchema, new StreamedLastJoinProcessor(sortedKeyTypes,
                time != null, leftStruct, rightStructs.toArray(new StructType[0]), rightWidths));
        List<Column> columns = new ArrayList<>();
        for (Field field : chain.get(sides - 1).output()) {
            columns.add(col(field.id()));
        }
        columns.add(col(Columns.POSITION));
        return joined.select(columns.toArray(new Column[0]));
    }

    private static Column[] concat(List<Column> columns, Column last) {
        List<Column> all = new ArrayList<>(columns);
        all.add(last);
        return all.toArray(new Column[0]);
    }

    /** A row's columns packed in one struct. */
    private static Column packed(StructType schema) {
        Column[] columns = new Column[schema.fields().length];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = col(schema.fields()[i].name());
        }
        return struct(columns);
    }
}

package io.windrow.sql.exec;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.sql.exec.Columns.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InputOrder}: ids reach exactly the partition they name, and shuffled rows come back in
 * position order whether the input partition count is estimated right or too low.
 */
class InputOrderTest {
    private final SparkSession spark = TestSpark.spark();

    @Test
    void everyIdReachesThePartitionItNames() {
        for (int partitions : new int[] {1, 2, 7, 64, 1000}) {
            Dataset<Row> ids = spark.range(partitions).toDF("id").selectExpr("cast(id as int) as id");
            Dataset<Row> placed = InputOrder.repartitionById(ids, partitions, col("id"))
                    .withColumn("partition", spark_partition_id());
            assertThat(placed.filter("id != partition").count()).as("%d partitions", partitions).isZero();
            assertThat(placed.count()).isEqualTo(partitions);
        }
    }

    @Test
    void shuffledRowsReturnInInputOrder() {
        // 9 input partitions; the estimate is at least the default parallelism (2), so this covers
        // both exact placement and the overflow of later input partitions into the last one.
        Dataset<Row> input = spark.range(0, 9000, 1, 9).toDF("v");
        Dataset<Row> positioned = input.withColumn(Columns.POSITION, monotonically_increasing_id());
        Dataset<Row> shuffled = positioned.repartition(5, rand(7));
        List<Long> values = new ArrayList<>();
        for (Row row : InputOrder.restore(shuffled, input).select("v").collectAsList()) {
            values.add(row.getLong(0));
        }
        List<Long> expected = new ArrayList<>();
        for (long v = 0; v < 9000; v++) {
            expected.add(v);
        }
        assertThat(values).isEqualTo(expected);
    }
}

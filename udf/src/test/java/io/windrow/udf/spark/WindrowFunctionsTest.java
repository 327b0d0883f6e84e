package io.windrow.udf.spark;

import io.windrow.testing.TestSpark;
import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowRunner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spark SQL registration: window calls through spark.sql give, row by row, what the states
 * give when fed the same frames directly ({@link WindowRunner}).
 */
class WindrowFunctionsTest {
    private static final int ROWS = 40;
    private static SparkSession spark;
    private static final List<Object[]> DATA = new ArrayList<>();

    @BeforeAll
    static void registerAndLoad() {
        spark = TestSpark.spark();
        WindrowFunctions.register(spark);
        Random random = new Random(7);
        String[] keys = {"a", "b", null, "c"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Integer value = random.nextInt(5) == 0 ? null : random.nextInt(4);
            Double amount = random.nextInt(6) == 0 ? null : random.nextInt(8) * 0.5;
            String key = keys[random.nextInt(keys.length)];
            Boolean flag = random.nextInt(5) == 0 ? null : random.nextBoolean();
            Timestamp ts = new Timestamp(1590738990000L + 1000L * random.nextInt(3));
            Object[] row = {i % 2, i, value, amount, key, flag, ts};
            DATA.add(row);
            rows.add(RowFactory.create(row));
        }
        StructType schema = new StructType()
                .add("pk", IntegerType).add("id", IntegerType).add("v", IntegerType).add("amount", DoubleType)
                .add("k", StringType).add("flag", BooleanType).add("ts", TimestampType);
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        frame.createOrReplaceTempView("t");
    }

    /** The expected column from the states directly: partition by pk, order by id, ROWS 3 PRECEDING. */
    private static List<Object> expected(String function, List<DataType> types, List<Object> constants, int... columns) {
        List<Object> byId = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            byId.add(null);
        }
        for (int pk = 0; pk < 2; pk++) {
            List<Object[]> partition = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (Object[] row : DATA) {
                if ((Integer) row[0] == pk) {
                    Object[] values = new Object[columns.length];
                    for (int c = 0; c < columns.length; c++) {
                        values[c] = row[columns[c]];
                    }
                    partition.add(values);
                    ids.add((Integer) row[1]);
                }
            }
            List<Object> results = WindowRunner.rows(function, types, constants, 3, partition);
            for (int i = 0; i < ids.size(); i++) {
                byId.set(ids.get(i), results.get(i));
            }
        }
        return byId;
    }

    private record Call(String sql, String function, List<DataType> types, List<Object> constants, int[] columns) {}

    private static Call call(String sql, String function, List<DataType> types, List<Object> constants, int... columns) {
        return new Call(sql, function, types, constants, columns);
    }

    @Test
    void windowCallsMatchTheStates() {
        List<Call> calls = List.of(
                call("topn_frequency(v, 3)", "topn_frequency", List.of(IntegerType, IntegerType), List.of(3), 2),
                call("FZ_TOPN_FREQUENCY(k, 2)", "topn_frequency", List.of(StringType, IntegerType), List.of(2), 4),
                call("fz_top1_ratio(v)", "top1_ratio", List.of(IntegerType), List.of(), 2),
                call("distinct_count(k)", "distinct_count", List.of(StringType), List.of(), 4),
                call("sum_where(amount, flag)", "sum_where", List.of(DoubleType, BooleanType), List.of(), 3, 5),
                call("count_cate(v, k)", "count_cate", List.of(IntegerType, StringType), List.of(), 2, 4),
                call("top_n_value_avg_cate_where(amount, flag, k, 2)", "top_n_value_avg_cate_where",
                        List.of(DoubleType, BooleanType, StringType, IntegerType), List.of(2), 3, 5, 4),
                call("windrow_lag(v, 2)", "lag", List.of(IntegerType, IntegerType), List.of(2), 2),
                call("windrow_max(ts)", "max", List.of(TimestampType), List.of(), 6),
                call("topn_frequency(ts, 2)", "topn_frequency", List.of(TimestampType, IntegerType), List.of(2), 6));
        // One query, one job: every call is a column over the same window.
        StringBuilder sql = new StringBuilder("SELECT id");
        for (int i = 0; i < calls.size(); i++) {
            sql.append(", ").append(calls.get(i).sql()).append(" OVER w AS r").append(i);
        }
        sql.append(" FROM t WINDOW w AS (PARTITION BY pk ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) ORDER BY id");
        List<Row> rows = spark.sql(sql.toString()).collectAsList();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            int column = i + 1;
            List<Object> actual = rows.stream().map(row -> row.get(column)).toList();
            assertThat(actual).as(call.sql())
                    .containsExactlyElementsOf(expected(call.function(), call.types(), call.constants(), call.columns()));
        }
        // Timestamps print in UTC+8 whatever the session zone (UTC here).
        assertThat(rows).allSatisfy(row -> assertThat(row.getString(10)).startsWith("2020-05-29 15:56:3"));
    }

    @Test
    void everyFunctionAndAliasIsRegisteredWithoutHidingSparkBuiltins() {
        for (WindowFunction function : FunctionRegistry.standard().all()) {
            String name = WindrowFunctions.sparkName(function.name(), false);
            assertThat(spark.catalog().functionExists(name)).as(name).isTrue();
            function.aliases().forEach(alias -> assertThat(spark.catalog().functionExists(alias)).as(alias).isTrue());
        }
        assertThat(WindrowFunctions.sparkName("sum", false)).isEqualTo("windrow_sum");
        assertThat(WindrowFunctions.sparkName("topn_frequency", false)).isEqualTo("topn_frequency");
        // Spark's own sum of int is bigint; Windrow's keeps OpenMLDB's int.
        Row types = spark.sql("SELECT sum(v) AS s, windrow_sum(v) AS w FROM t").collectAsList().get(0);
        assertThat(types.get(0)).isInstanceOf(Long.class);
        assertThat(types.get(1)).isInstanceOf(Integer.class);
        assertThat(((Number) types.get(0)).longValue()).isEqualTo(((Number) types.get(1)).longValue());
    }

    @Test
    void groupByAndErrors() {
        List<Row> counts = spark.sql("SELECT pk, count_where(v, flag) AS c FROM t GROUP BY pk ORDER BY pk").collectAsList();
        for (Row row : counts) {
            long expected = DATA.stream().filter(r -> (Integer) r[0] == row.getInt(0) && r[2] != null
                    && Boolean.TRUE.equals(r[5])).count();
            assertThat(row.getLong(1)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> spark.sql("SELECT topn_frequency(v, id) OVER (ORDER BY id) FROM t").collect())
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> spark.sql("SELECT sum(k) FROM t").collect()).isNotNull();
        assertThat(DataTypes.StringType).isNotNull();
    }
}

package io.windrow.udf.spark;

import io.windrow.udf.scalar.BoundFunction;
import io.windrow.udf.scalar.ScalarCatalog;
import io.windrow.udf.scalar.ScalarFunction;
import io.windrow.udf.scalar.SparkNative;
import io.windrow.udf.type.SqlType;
import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scalar whose bound form claims {@link SparkNative} gives, through Spark's expression, what
 * {@link BoundFunction#apply} gives, on NULLs and edge values of each parameter type (every
 * combination of them; fewer values per argument for three-argument calls).
 */
class SparkNativeScalarsTest {
    private static final Map<SqlType, List<Object>> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put(SqlType.BOOL, Arrays.asList(null, true, false));
        SAMPLES.put(SqlType.INT16, Arrays.asList(null, (short) 0, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE));
        SAMPLES.put(SqlType.INT32, Arrays.asList(null, 0, 7, -7, Integer.MIN_VALUE, Integer.MAX_VALUE));
        SAMPLES.put(SqlType.INT64, Arrays.asList(null, 0L, -1L, 1590738989000L, Long.MIN_VALUE, Long.MAX_VALUE));
        SAMPLES.put(SqlType.FLOAT, Arrays.asList(null, 0f, -0f, 0.5f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY));
        SAMPLES.put(SqlType.DOUBLE, Arrays.asList(null, 0.0, -0.0, 0.5, -2.5, 2.0, 1e300, -1e-300, Double.NaN,
                Double.NEGATIVE_INFINITY));
        SAMPLES.put(SqlType.STRING, Arrays.asList(null, "", "abc", "\u00e9\u4e2d", "2020-05-22 10:43:40"));
        SAMPLES.put(SqlType.TIMESTAMP, Arrays.asList(null, new Timestamp(0), new Timestamp(-1),
                new Timestamp(1590738989000L), new Timestamp(-28_800_001L), new Timestamp(-28_801_500L),
                new Timestamp(-2_208_988_800_000L), new Timestamp(253_402_300_799_999L), new Timestamp(1609430399999L)));
        SAMPLES.put(SqlType.DATE, Arrays.asList(null, Date.valueOf("1970-01-01"), Date.valueOf("1969-12-31"),
                Date.valueOf("2020-02-29"), Date.valueOf("1900-01-01"), Date.valueOf("9999-12-31"),
                Date.valueOf("2021-01-03")));
    }

    private record Claim(String label, BoundFunction bound, SparkNative translation) {}

    @Test
    void everySparkNativeTranslationAgreesWithApply() {
        // claims grouped by parameter types, so that each group is one Spark job over one input
        Map<List<SqlType>, List<Claim>> claims = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (ScalarFunction function : ScalarCatalog.standard().all()) {
            for (List<SqlType> args : argumentLists()) {
                BoundFunction bound;
                try {
                    bound = function.bind(args);
                } catch (IllegalArgumentException notThisArity) {
                    continue;
                }
                String label = function.name() + args;
                if (bound instanceof SparkNative translation && bound.parameterTypes().equals(args)
                        && !labels.contains(label)) {
                    labels.add(label);
                    claims.computeIfAbsent(args, k -> new ArrayList<>()).add(new Claim(label, bound, translation));
                }
            }
        }
        assertThat(labels).as("functions with a Spark translation").hasSizeGreaterThan(20)
                .contains("hour[TIMESTAMP]", "year[DATE]", "concat[STRING, STRING]", "ifnull[INT32, INT32]", "sin[DOUBLE]");
        claims.forEach((types, group) -> compare(TestSpark.spark(), types, group));
    }

    private static void compare(SparkSession spark, List<SqlType> types, List<Claim> group) {
        List<StructField> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(DataTypes.createStructField("a" + i, types.get(i).sparkType(), true));
            columns.add(col("a" + i));
        }
        List<Row> rows = new ArrayList<>();
        for (List<Object> values : combinations(types)) {
            rows.add(RowFactory.create(values.toArray()));
        }
        StructType schema = DataTypes.createStructType(fields);
        Dataset<Row> input = spark.createDataFrame(rows, schema);
        List<Column> select = new ArrayList<>(columns);
        for (int c = 0; c < group.size(); c++) {
            select.add(group.get(c).translation().toSpark(columns).as("r" + c));
        }
        Dataset<Row> output = input.select(select.toArray(new Column[0]));
        for (int c = 0; c < group.size(); c++) {
            Claim claim = group.get(c);
            assertThat(output.schema().fields()[types.size() + c].dataType()).as(claim.label() + " result type")
                    .isEqualTo(claim.bound().resultType().sparkType());
        }
        for (Row row : output.collectAsList()) {
            Object[] arguments = new Object[types.size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = row.get(i);
            }
            boolean anyNull = Arrays.stream(arguments).anyMatch(a -> a == null);
            for (int c = 0; c < group.size(); c++) {
                BoundFunction bound = group.get(c).bound();
                Object expected = bound.nullInNullOut() && anyNull ? null : bound.apply(arguments);
                assertThat(row.get(types.size() + c)).as(group.get(c).label() + " of " + Arrays.toString(arguments))
                        .isEqualTo(expected);
            }
        }
    }

    /** (T), (T, T), (T, T, T), (bool, T, T) for every type T. */
    private static List<List<SqlType>> argumentLists() {
        List<List<SqlType>> lists = new ArrayList<>();
        for (SqlType t : SAMPLES.keySet()) {
            lists.add(List.of(t));
            lists.add(List.of(t, t));
            lists.add(List.of(t, t, t));
            lists.add(List.of(SqlType.BOOL, t, t));
        }
        return lists;
    }

    private static List<List<Object>> combinations(List<SqlType> types) {
        List<List<Object>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (SqlType type : types) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : result) {
                // three-argument calls (coalesce, concat, if, nvl2) take the first few samples, to keep the job small
                List<Object> samples = SAMPLES.get(type);
                for (Object value : types.size() < 3 ? samples : samples.subList(0, Math.min(4, samples.size()))) {
                    List<Object> extended = new ArrayList<>(prefix);
                    extended.add(value);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }
}

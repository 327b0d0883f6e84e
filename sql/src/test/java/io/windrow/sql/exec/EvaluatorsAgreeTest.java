package io.windrow.sql.exec;

import io.windrow.sql.FeatureEngine;
import io.windrow.testing.TestSpark;
import io.windrow.sql.analyzer.Expression;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.plan.Planner;
import io.windrow.sql.plan.Project;
import io.windrow.sql.plan.Scan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two backends of the typed IR give the same values: each expression is planned once, then
 * computed by Spark ({@link SparkExpressions}, through the engine) and by the Java row evaluator
 * ({@link RowEvaluator}, which computes the arguments of window aggregates that read the current
 * row) on the same rows, NULLs and edge values included. The casts are {@link Casts}' two forms.
 */
class EvaluatorsAgreeTest {
    private static final StructType SCHEMA = new StructType()
            .add("c1", DataTypes.StringType).add("c2", DataTypes.ShortType).add("c3", DataTypes.IntegerType)
            .add("c4", DataTypes.LongType).add("c5", DataTypes.FloatType).add("c6", DataTypes.DoubleType)
            .add("c7", DataTypes.TimestampType).add("c8", DataTypes.DateType).add("c9", DataTypes.BooleanType);

    private static final List<Object[]> ROWS = List.of(
            new Object[] {"12", (short) 3, 7, 86_400_000L, 1.5f, -2.25, new Timestamp(1_704_571_200_000L),
                Date.valueOf("2024-01-07"), true},
            new Object[] {" 7 ", (short) -5, -3, -1L, -0.5f, 1e20, new Timestamp(0L), Date.valueOf("1970-01-01"), false},
            new Object[] {"abc", (short) 0, 0, 0L, 0f, 0.0, new Timestamp(-28_800_000L), Date.valueOf("2000-02-29"),
                null},
            new Object[] {"2020-01-02 03:04:05", (short) 32_767, 123_456, 5_000_000_000L, Float.NaN, 3.999,
                new Timestamp(1_590_738_989_000L), Date.valueOf("2020-05-29"), true},
            new Object[] {"true", null, null, null, null, null, null, null, null},
            new Object[] {null, (short) 1, 2, 3L, 4f, 5.0, new Timestamp(1000L), Date.valueOf("1999-12-31"), false});

    private static final List<String> EXPRESSIONS = List.of(
            "c2 + c3", "c3 - c4", "c4 * c2", "c3 * c5", "c5 - c6", "c3 / c2", "c6 / c3", "c4 % c3", "c6 % c5",
            "c3 DIV c2", "c4 DIV c3", "c7 + c3", "c7 - c4", "c2 + c9", "-c3", "-c6", "~c4", "~c2",
            "c2 & c3", "c3 | c4", "c4 ^ c2", "c2 | c2", "c3 & NULL", "c4 ^ -1",
            "c2 < c3", "c4 >= c6", "c5 = c6", "c1 = c3", "c1 > c4", "c7 <= c7", "c8 != c8", "c9 = c9",
            "c9 AND c3 > 0", "c9 OR c4 < 0", "c9 XOR c3 = 0", "NOT c9", "c3 IN (7, 0, NULL)", "c4 NOT IN (1, 3)",
            "c6 BETWEEN -3 AND 2", "c1 LIKE '%2%'", "c1 NOT LIKE '_b%'", "c1 ILIKE 'TR%'", "c1 LIKE '#_b%' ESCAPE '#'",
            "c1 LIKE '1%#' ESCAPE '#'", "c1 NOT ILIKE '\\_B_' ESCAPE ''", "c1 LIKE c1", "c1 IS NULL",
            "CASE WHEN c3 > 0 THEN c5 WHEN c9 THEN c3 ELSE 100 END", "CASE c2 WHEN 3 THEN 'three' ELSE c1 END",
            "int(c1)", "bigint(c1)", "double(c1)", "float(c1)", "bool(c1)", "timestamp(c1)", "date(c1)",
            "smallint(c3)", "int(c4)", "int(c6)", "bigint(c5)", "float(c6)", "double(c2)", "bool(c3)", "bool(c6)",
            "string(c2)", "string(c4)", "string(c5)", "string(c6)", "string(c7)", "string(c8)", "string(c9)",
            "bigint(c7)", "int(c7)", "double(c7)", "date(c7)", "bool(c7)", "timestamp(c4)", "timestamp(c8)",
            "timestamp(c9)", "int(c9)", "double(c9)", "bool(c8)", "string(NULL)", "c3 + NULL");

    @Test
    void sparkAndJavaGiveTheSameValues() {
        SparkSession spark = TestSpark.spark();
        List<Row> rows = ROWS.stream().map(RowFactory::create).toList();
        Dataset<Row> table = spark.createDataFrame(rows, SCHEMA);
        String select = "SELECT " + String.join(",\n", EXPRESSIONS.stream()
                .map(e -> e + " AS e" + EXPRESSIONS.indexOf(e)).toList()) + " FROM t";
        Project project = (Project) new Planner(Map.of("t", SCHEMA), FeatureEngine.standardFunctions())
                .plan(Parser.parseQuery(select));
        List<String> ids = ((Scan) project.child()).output().stream().map(f -> f.id()).toList();
        List<Row> spark0 = new FeatureEngine(spark).execute(select, Map.of("t", table)).collectAsList();
        List<String> mismatches = new ArrayList<>();
        for (int e = 0; e < EXPRESSIONS.size(); e++) {
            Expression expression = project.expressions().get(e);
            RowEvaluator evaluator = RowEvaluator.compile(expression, ids::indexOf);
            for (int r = 0; r < ROWS.size(); r++) {
                Object java = evaluator.eval(ROWS.get(r), ROWS.get(r));
                Object sparkValue = spark0.get(r).get(e);
                if (!Objects.equals(java, sparkValue)) {
                    mismatches.add(EXPRESSIONS.get(e) + " on row " + r + " " + Arrays.toString(ROWS.get(r))
                            + ": Spark " + describe(sparkValue) + ", Java " + describe(java));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String describe(Object value) {
        return value == null ? "NULL" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}

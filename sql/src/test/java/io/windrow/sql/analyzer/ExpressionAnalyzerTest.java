package io.windrow.sql.analyzer;

import io.windrow.sql.FeatureEngine;
import io.windrow.sql.SqlException;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.plan.Planner;
import io.windrow.sql.plan.Project;
import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OpenMLDB's type rules as the analyzer applies them, on the column types of OpenMLDB's own
 * expression cases (c1 string, c2 smallint, c3 int, c4 bigint, c5 float, c6 double, c7 timestamp,
 * c8 date, c9 bool); the rejections are those of its cases marked {@code success: false}.
 */
class ExpressionAnalyzerTest {
    private static final StructType SCHEMA = new StructType()
            .add("c1", DataTypes.StringType).add("c2", DataTypes.ShortType).add("c3", DataTypes.IntegerType)
            .add("c4", DataTypes.LongType).add("c5", DataTypes.FloatType).add("c6", DataTypes.DoubleType)
            .add("c7", DataTypes.TimestampType).add("c8", DataTypes.DateType).add("c9", DataTypes.BooleanType);

    private static Expression analyze(String expression) {
        Project project = (Project) new Planner(Map.of("t", SCHEMA), FeatureEngine.standardFunctions())
                .plan(Parser.parseQuery("SELECT " + expression + " AS r FROM t"));
        return project.expressions().get(0);
    }

    @ParameterizedTest(name = "{0} : {1}")
    @CsvSource(delimiter = '|', value = {
            "c2 + c3 | int32 | (int32(c2) + c3)",
            "c3 + c4 | int64 | (int64(c3) + c4)",
            "c4 + c5 | float | (float(c4) + c5)",
            "c5 * c6 | double | (double(c5) * c6)",
            "c2 % c3 | int32 | (int32(c2) % c3)",
            "c3 / c3 | double | (double(c3) / double(c3))",
            "c3 DIV c4 | int64 | (int64(c3) DIV c4)",
            "c9 + c3 | int32 | (int32(c9) + c3)",
            "c7 + c3 | timestamp | (c7 + int64(c3))",
            "c3 + c7 | timestamp | (int64(c3) + c7)",
            "c7 - 1000 | timestamp | (c7 - int64(1000))",
            "NULL + c3 | int32 | (CAST(NULL AS int32) + c3)",
            "c9 AND c3 | bool | (c9 AND bool(c3))",
            "c3 < c6 | bool | (double(c3) < c6)",
            "c1 = c3 | bool | (c1 = string(c3))",
            "c7 = c7 | bool | (c7 = c7)",
            "c3 IN (1, 2.5) | bool | (double(c3) IN (double(1), 2.5))",
            "c3 BETWEEN 1 AND c4 | bool | ((c3 >= 1) AND (int64(c3) <= c4))",
            "-c2 | int16 | -c2",
            "-c9 | bool | c9",
            "~c4 | int64 | ~c4",
            "c1 LIKE 'a%' | bool | (c1 LIKE 'a%')",
            "c1 NOT ILIKE 'a#%' ESCAPE '#' | bool | (c1 NOT ILIKE 'a#%' ESCAPE '#')",
            "CASE WHEN c3 > 1 THEN 'abc' ELSE 12 END | string | CASE WHEN (c3 > 1) THEN 'abc' ELSE string(12) END",
            "CASE WHEN c3 > 1 THEN 7.0 ELSE 100 END | double | CASE WHEN (c3 > 1) THEN 7.0 ELSE double(100) END",
            "CASE WHEN c3 > 1 THEN c5 ELSE 100 END | float | CASE WHEN (c3 > 1) THEN c5 ELSE float(100) END",
            "CASE c3 WHEN 1 THEN c4 END | int64 | CASE WHEN (c3 = 1) THEN c4 ELSE CAST(NULL AS int64) END",
            "bigint(c7) | int64 | int64(c7)",
            "CAST(c1 AS timestamp) | timestamp | timestamp(c1)",
    })
    void typesAndImplicitCasts(String expression, String type, String typed) {
        Expression analyzed = analyze(expression);
        assertThat(analyzed.type().sqlName()).isEqualTo(type);
        assertThat(analyzed.sql()).isEqualTo(typed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "c3 * c7 | operator * does not apply to int32 and timestamp",
            "c3 - c7 | operator - does not apply to int32 and timestamp",
            "c7 - c7 | operator - does not apply to timestamp and timestamp",
            "c7 / c3 | operator / does not apply to timestamp and int32",
            "c3 + c8 | operator + does not apply to int32 and date",
            "c1 + c3 | operator + does not apply to string and int32",
            "c3 DIV c5 | operator DIV does not apply to int32 and float",
            "c7 < c4 | cannot compare timestamp with int64",
            "c8 = c7 | cannot compare date with timestamp",
            "-c7 | unary minus does not apply to timestamp",
            "~c5 | ~ does not apply to float",
            "c3 LIKE '1%' | LIKE matches strings, not int32",
            "c1 LIKE NULL | the pattern of LIKE must be a string, not null",
            "c1 LIKE 'a%' ESCAPE '<>' | the ESCAPE of LIKE must be a string of one character",
            "c1 ILIKE 'a%' ESCAPE NULL | the ESCAPE of ILIKE must be a string of one character",
            "CAST(c3 AS date) | cannot cast int32 to date",
            "date(c6) | cannot cast double to date",
            "CAST(c8 AS bigint) | cannot cast date to int64",
            "CASE WHEN c9 THEN c7 ELSE c3 END | the results of a CASE have types timestamp and int32",
            "CAST(c3 AS decimal) | unknown type decimal",
    })
    void rejectsWhatOpenMldbRejects(String expression, String message) {
        assertThatThrownBy(() -> analyze(expression)).isInstanceOf(SqlException.class)
                .hasMessageStartingWith("line 1:").hasMessageContaining(message);
    }

    /** OpenMLDB's bitwise operators on integers (test_arithmetic "bitwise_*"); not written in the CSV above. */
    @Test
    void bitwiseOperatorsComputeInTheCommonIntegerType() {
        assertThat(analyze("c2 & c2").sql()).isEqualTo("(c2 & c2)");
        assertThat(analyze("c2 | c3").sql()).isEqualTo("(int32(c2) | c3)");
        assertThat(analyze("c3 ^ c4").type()).isEqualTo(SqlType.INT64);
        assertThat(analyze("c2 & NULL").type()).isEqualTo(SqlType.INT16);
        assertThat(analyze("~NULL").type()).isEqualTo(SqlType.BOOL);
        for (String operand : java.util.List.of("c9", "c5", "c6", "c1", "c8", "c7")) {
            for (String op : java.util.List.of("&", "|", "^")) {
                assertThatThrownBy(() -> analyze(operand + " " + op + " 10")).isInstanceOf(SqlException.class)
                        .hasMessageContaining("operator " + op + " does not apply to");
            }
        }
    }

    @Test
    void errorsNameLineColumnTextAndWhatIsAccepted() {
        assertThatThrownBy(() -> analyze("c1,\n  c3 * c7"))
                .isInstanceOf(SqlException.class)
                .hasMessage("line 2:6: operator * does not apply to int32 and timestamp; it takes numbers (bool, "
                        + "int16, int32, int64, float, double) near 'c3 * c7'");
    }

    @Test
    void unknownFunctionIsAnErrorNotSparksNamesake() {
        assertThatThrownBy(() -> analyze("soundex(c1)")).isInstanceOf(SqlException.class)
                .hasMessage("line 1:8: unknown function 'soundex' near 'soundex(c1)'");
    }

    @Test
    void equalityIgnoresWhereAndHowAColumnWasWritten() {
        Expression a = analyze("c3 + 1");
        Expression b = analyze("t.c3   +\n 1");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(analyze("c3 + 2"));
        assertThat(a.type()).isEqualTo(SqlType.INT32);
    }
}

package io.windrow.sql.conformance;

import io.windrow.sql.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner's parsing, skip rules, comparison and report, proven on hand-written cases run by
 * plain Spark SQL (an engine independent of Windrow's).
 */
class ConformanceRunnerTest {
    private static SparkSession spark;
    private static final SupportedFunctions FUNCTIONS = SupportedFunctions.of(List.of("sum", "min", "max", "count"));

    @BeforeAll
    static void start() {
        spark = TestSpark.spark();
    }

    /** Spark SQL over the case's tables as temporary views. */
    private static Dataset<Row> sparkSql(String sql, Map<String, Dataset<Row>> tables) {
        tables.forEach((name, table) -> table.createOrReplaceTempView(name));
        return spark.sql(sql.strip().replaceAll(";$", ""));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConformanceRunnerTest.class.getResource("/conformance/" + name).toURI());
    }

    private static Map<String, CaseResult> runFile(String name, QueryEngine engine, List<String> report) throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource(name));
        ConformanceRunner runner = new ConformanceRunner(spark, engine, FUNCTIONS);
        List<CaseResult> results = runner.runAll(cases, result -> report.add(result.render()));
        report.add(ConformanceRunner.summary(results));
        return results.stream().collect(Collectors.toMap(result -> result.testCase().id(), result -> result,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void parsesExpandsAndSubstitutes() throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource("runner-cases.yaml"));
        assertThat(cases).extracting(Case::id).containsExactly(
                "1", "2", "3", "4", "5", "6", "7_0_0", "7_0_1", "7_1_0", "7_1_1", "8", "9", "10", "11");
        Case first = cases.get(0);
        assertThat(first.inputs().get(0).name()).isEqualTo("auto_t0");
        assertThat(first.statements().get(0)).contains("FROM auto_t0;").doesNotContain("{0}");
        Case provider = cases.get(9); // 7_1_1: max, partition by {0}.c1
        assertThat(provider.desc()).isEqualTo("provider_1_1");
        assertThat(provider.statements().get(0))
                .isEqualTo("SELECT id, max(c4) OVER (PARTITION BY t1.c1 ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS m FROM t1");
        assertThat(provider.expectation().rows().orElseThrow()).containsExactly(
                List.of(1L, 30L), List.of(2L, 31L), List.of(3L, 32L));
        assertThat(provider.expectation().columns().orElseThrow())
                .containsExactly(new Column("id", ColumnType.INT), new Column("m", ColumnType.BIGINT));
        Case typed = cases.get(10);
        assertThat(typed.inputs().get(0).rows()).hasSize(4);
        assertThat(typed.inputs().get(0).columns()).extracting(Column::type).containsExactly(
                ColumnType.SMALLINT, ColumnType.BOOL, ColumnType.FLOAT, ColumnType.DOUBLE, ColumnType.TIMESTAMP,
                ColumnType.DATE, ColumnType.STRING);
        assertThat(cases.get(2).skipReason()).hasValueSatisfying(reason -> assertThat(reason).contains("offline-unsupport"));
        assertThat(cases.get(3).skipReason()).hasValue("tagged TODO");
        assertThat(cases.get(11).skipReason()).hasValueSatisfying(reason -> assertThat(reason).contains("not_here.yaml"));
        assertThat(cases.get(12).inputs().get(0).name()).isEqualTo("simple");
    }

    @Test
    void reportsPassFailSkipWithDiffsAndSummary() throws Exception {
        List<String> report = new ArrayList<>();
        Map<String, CaseResult> results = runFile("runner-cases.yaml", ConformanceRunnerTest::sparkSql, report);

        assertThat(results).as(String.join("\n", report)).extractingFromEntries(entry -> entry.getKey() + "=" + entry.getValue().status()).containsExactly(
                "1=PASS", "2=FAIL", "3=SKIP", "4=SKIP", "5=SKIP", "6=PASS",
                "7_0_0=PASS", "7_0_1=PASS", "7_1_0=PASS", "7_1_1=PASS", "8=PASS", "9=SKIP", "10=PASS", "11=FAIL");
        assertThat(results.get("2").render()).isEqualTo("""
                FAIL 2 wrong expected value fails
                    row 2: expected [2, 21]
                           actual   [2, 20]
                    SQL: SELECT id, v FROM auto_t0""");
        assertThat(results.get("5").render())
                .isEqualTo("SKIP 5 unknown function is skipped: calls functions outside `scripts/windrow functions`: join");
        assertThat(results.get("11").detail()).contains("row 1: expected [1]", "actual   [2]");
        assertThat(report.get(report.size() - 1)).isEqualTo("8 passed, 2 failed, 4 skipped");
        assertThat(report).contains("PASS 1 window sum passes", "SKIP 4 todo is skipped: tagged TODO");
    }

    @Test
    void columnTypesAndNamesAreChecked() throws Exception {
        List<String> report = new ArrayList<>();
        QueryEngine widening = (sql, tables) -> sparkSql(sql.replace("SELECT id, v", "SELECT bigint(id) AS id, v AS w"), tables);
        Map<String, CaseResult> results = runFile("runner-cases.yaml", widening, report);
        assertThat(results.get("2").detail()).startsWith("""
                columns: expected [id int, v bigint]
                         actual   [id bigint, w bigint]""");
    }

    @Test
    void engineFailuresAreFailuresUnlessExpected() throws Exception {
        List<String> report = new ArrayList<>();
        QueryEngine broken = (sql, tables) -> {
            throw new NullPointerException("bug");
        };
        Map<String, CaseResult> results = runFile("runner-cases.yaml", broken, report);
        assertThat(results.get("1").status()).isEqualTo(CaseStatus.FAIL);
        assertThat(results.get("1").detail()).startsWith("query failed: NullPointerException: bug");
        // An internal error does not count as the expected rejection.
        assertThat(results.get("6").status()).isEqualTo(CaseStatus.FAIL);
        assertThat(results.get("6").detail()).contains("failed internally");
        assertThat(report.get(report.size() - 1)).isEqualTo("0 passed, 10 failed, 4 skipped");

        QueryEngine accepting = (sql, tables) -> sparkSql("SELECT 1 AS id", tables);
        CaseResult accepted = runFile("runner-cases.yaml", accepting, new ArrayList<>()).get("6");
        assertThat(accepted.status()).isEqualTo(CaseStatus.FAIL);
        assertThat(accepted.detail()).isEqualTo("expected the query to fail, but it returned 1 rows");
    }

    @Test
    void parsesEverySharedCaseFile() throws Exception {
        Path folder = Path.of(System.getProperty("windrow.shared", "../../shared"), "conformance", "openmldb");
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(folder)) {
            files = walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(16);
        CaseFileParser parser = new CaseFileParser();
        int cases = 0;
        for (Path file : files) {
            List<Case> parsed = parser.parse(file);
            assertThat(parsed).as(file.toString()).isNotEmpty();
            cases += parsed.size();
        }
        assertThat(cases).isGreaterThan(468); // 468 case entries, more after dataProvider expansion
    }

    @Test
    void debugsSelectCases() throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource("debug-cases.yaml"));
        assertThat(cases).extracting(Case::id).containsExactly("a");
    }

    @Test
    void malformedFilesFailNamingFileAndCase(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(file, """
                cases:
                  - id: 7
                    desc: bad type
                    inputs:
                      - columns: ["c1 int8"]
                    sql: select 1
                """);
        assertThatThrownBy(() -> new CaseFileParser().parse(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conformance file " + file + ", case 7: unknown column type 'int8'");
    }

    @Test
    void findsFunctionCalls() {
        assertThat(FunctionCalls.in("""
                SELECT id, `join`(split(c1, ','), " ") AS j, count_where(c, c = at(c, 0)) OVER w AS n,
                  CASE WHEN !isnull(lag(c, 0)) THEN 'x(1)' ELSE int(0) END AS k -- ignored(2)
                FROM (select * from t) AS s LAST JOIN t2 ON s.a = t2.a
                WINDOW w AS (UNION (select a from t3) PARTITION BY c ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                """)).containsExactly("join", "split", "count_where", "at", "isnull", "lag", "int");
    }

    @Test
    void floatTolerance() {
        assertThat(ResultComparator.closeEnough(0.66666666666666663, 0.6665)).isFalse();
        assertThat(ResultComparator.closeEnough(0.66666666666666663, 0.66664)).isTrue();
        assertThat(ResultComparator.closeEnough(0.0, 0.0)).isTrue();
        assertThat(ResultComparator.closeEnough(0.0, 1e-9)).isFalse();
        assertThat(ResultComparator.closeEnough(Double.NaN, Double.NaN)).isTrue();
        assertThat(ResultComparator.valuesMatch(3L, 3L, false)).isTrue();
        assertThat(ResultComparator.valuesMatch(3L, 4L, false)).isFalse();
        assertThat(ResultComparator.valuesMatch(3.3, 3.3000002f + 0.0, true)).isTrue();
    }
}

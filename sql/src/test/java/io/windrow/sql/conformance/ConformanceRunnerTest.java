package io.windrow.sql.conformance;

import io.windrow.testing.TestSpark;
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
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's parsing, skip rules, comparison and report, proven on hand-written cases run by
 * plain Spark SQL (an engine independent of Windrow's).
 */
class ConformanceRunnerTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.spark();
    }

    /** Spark SQL over the case's tables as temporary views (by their plain names: views have no database). */
    // Synchronized: temp views are session-wide, so cases run side by side would swap each other's
    // tables between registering and analysing (spark.sql resolves the views at once).
    private static synchronized Dataset<Row> sparkSql(String sql, Map<String, Dataset<Row>> tables) {
        tables.forEach((name, table) -> {
            if (!name.contains(".")) {
                table.createOrReplaceTempView(name);
            }
        });
        return spark.sql(sql.strip().replaceAll(";$", ""));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConformanceRunnerTest.class.getResource("/conformance/" + name).toURI());
    }

    private static Map<String, CaseResult> runFile(String name, QueryEngine engine, List<String> report) throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource(name));
        ConformanceRunner runner = new ConformanceRunner(spark, engine);
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
        assertThat(cases.get(2).skipReason()).hasValue("mode offline-unsupport");
        assertThat(cases.get(3).skipReason()).hasValue("tag TODO");
        assertThat(cases.get(11).skipReason()).isEmpty();
        assertThat(cases.get(11).problem()).hasValueSatisfying(reason -> assertThat(reason).contains("not_here.yaml"));
        assertThat(cases.get(12).inputs().get(0).name()).isEqualTo("simple");
    }

    @Test
    void reportsPassFailSkipWithDiffsAndSummary() throws Exception {
        List<String> report = new ArrayList<>();
        Map<String, CaseResult> results = runFile("runner-cases.yaml", ConformanceRunnerTest::sparkSql, report);

        assertThat(results).as(String.join("\n", report)).extractingFromEntries(entry -> entry.getKey() + "=" + entry.getValue().status()).containsExactly(
                "1=PASS", "2=FAIL", "3=SKIP", "4=SKIP", "5=FAIL", "6=PASS",
                "7_0_0=PASS", "7_0_1=PASS", "7_1_0=PASS", "7_1_1=PASS", "8=PASS", "9=FAIL", "10=PASS", "11=FAIL");
        assertThat(results.get("2").render()).isEqualTo("""
                FAIL 2 wrong expected value fails
                    row 2: expected [2, 21]
                           actual   [2, 20]
                    SQL: SELECT id, v FROM auto_t0""");
        // A function Windrow (here: Spark) lacks is a failure, not a skip.
        assertThat(results.get("5").detail()).startsWith("query failed: ").contains("`join`");
        assertThat(results.get("9").detail()).startsWith("cannot build the case: input 0: resource cases/resource/not_here.yaml not found");
        assertThat(results.get("11").detail()).contains("row 1: expected [1]", "actual   [2]");
        assertThat(report.get(report.size() - 1))
                .isEqualTo("14 cases: 8 passed, 4 failed, 2 skipped (mode offline-unsupport: 1, tag TODO: 1)");
        assertThat(report).contains("PASS 1 window sum passes", "SKIP 4 todo is skipped: tag TODO");
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
        assertThat(report.get(report.size() - 1))
                .isEqualTo("14 cases: 0 passed, 12 failed, 2 skipped (mode offline-unsupport: 1, tag TODO: 1)");

        QueryEngine accepting = (sql, tables) -> sparkSql("SELECT 1 AS id", tables);
        CaseResult accepted = runFile("runner-cases.yaml", accepting, new ArrayList<>()).get("6");
        assertThat(accepted.status()).isEqualTo(CaseStatus.FAIL);
        assertThat(accepted.detail()).isEqualTo("expected the query to fail, but it returned 1 rows");
    }

    @Test
    void readsEveryCorpusFileWithoutAborting() throws Exception {
        Path folder = Path.of(System.getProperty("windrow.shared", "../../shared"), "conformance", "openmldb-corpus");
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(folder)) {
            files = walk.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(56);
        CaseFileParser parser = new CaseFileParser();
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            cases.addAll(parser.parse(file));
        }
        assertThat(cases).hasSizeGreaterThan(2000);
        // Every case has a stable, unique id within its file.
        assertThat(cases.stream().map(c -> c.file() + " | " + c.id()).distinct().count()).isEqualTo(cases.size());
        // What cannot be built is a handful of entries that need OpenMLDB's cluster (DDL inputs, SHOW output, an
        // unparsable upstream file), never a column spelling or a resource path.
        List<String> problems = cases.stream().flatMap(c -> c.problem().stream()).toList();
        assertThat(problems).hasSizeLessThan(30).noneMatch(p -> p.contains("not 'name type'") && !p.contains("Variable_name"))
                .noneMatch(p -> p.contains("resource")).noneMatch(p -> p.contains("'null'"));
    }

    @Test
    void readsTheFormatVariants() throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource("format-cases.yaml"));
        assertThat(cases).extracting(Case::id).containsExactly("1", "1#2", "2_0", "2_1", "3", "4", "5", "6");
        Case first = cases.get(0);
        assertThat(first.inputs().get(0).columns()).containsExactly(new Column("id", ColumnType.BIGINT),
                new Column("c1", ColumnType.STRING), new Column("c2", ColumnType.SMALLINT), new Column("d", ColumnType.DATE));
        assertThat(first.inputs().get(1).name()).isEqualTo("simple");
        assertThat(first.expectation().columns().orElseThrow()).extracting(Column::type)
                .containsExactly(ColumnType.BIGINT, ColumnType.STRING, ColumnType.SMALLINT, ColumnType.DATE);
        assertThat(cases.get(1).skipReason()).isEmpty(); // modes of OpenMLDB's other engines do not apply
        Case second = cases.get(2);
        assertThat(second.database()).hasValue("db0");
        assertThat(second.inputs()).extracting(InputTable::database).containsExactly(Optional.of("db0"), Optional.of("db2"));
        assertThat(second.statements()).containsExactly("SELECT t1.id, v FROM t1 JOIN db2.t2 ON t1.id = db2.t2.id");
        assertThat(cases.get(2).expectation().success()).isTrue();
        assertThat(cases.get(3).expectation().success()).isFalse();
        assertThat(cases.get(4).parameters().orElseThrow().rows()).containsExactly(List.of(5L));
        assertThat(cases.get(5).problem()).hasValue("input 0: unknown column type 'map<int,string>'");
        assertThat(cases.get(6).problem()).hasValueSatisfying(p -> assertThat(p).startsWith("input 0: row 1 has 1 values for 2 columns"));
        assertThat(cases.get(7).skipReason()).hasValue("mode batch-unsupport");
    }

    @Test
    void tablesAreKeyedByDatabaseAndParametersReachTheEngine() throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource("format-cases.yaml"));
        List<String> keys = new ArrayList<>();
        QueryEngine recording = (sql, tables) -> {
            keys.addAll(tables.keySet());
            return spark.sql("SELECT 1 AS id, 'x' AS v");
        };
        ConformanceRunner runner = new ConformanceRunner(spark, recording);
        assertThat(runner.run(cases.get(2)).status()).isEqualTo(CaseStatus.PASS);
        assertThat(keys).containsExactly("t1", "db0.t1", "db2.t2");
        // An engine without parameters fails a parameterized case instead of ignoring its '?'.
        CaseResult parameterized = runner.run(cases.get(4));
        assertThat(parameterized.status()).isEqualTo(CaseStatus.FAIL);
        assertThat(parameterized.detail()).contains("parameterized queries ('?' with parameters) are not supported");
        List<Row> seen = new ArrayList<>();
        QueryEngine withParameters = new QueryEngine() {
            @Override
            public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables) {
                throw new AssertionError("the parameterized call is expected");
            }

            @Override
            public Dataset<Row> execute(String sql, Map<String, Dataset<Row>> tables, Row parameters) {
                seen.add(parameters);
                return spark.sql("SELECT 1 AS id");
            }
        };
        assertThat(new ConformanceRunner(spark, withParameters).run(cases.get(4)).status()).isEqualTo(CaseStatus.PASS);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).<Integer>getAs("p1")).isEqualTo(5);
        CaseResult broken = runner.run(cases.get(5));
        assertThat(broken.render()).isEqualTo("FAIL 4 a type the dialect lacks\n    cannot build the case: input 0: unknown column type 'map<int,string>'");
    }

    @Test
    void parallelRunsGiveTheSameResultsInOrder() throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource("runner-cases.yaml"));
        ConformanceRunner runner = new ConformanceRunner(spark, ConformanceRunnerTest::sparkSql);
        List<String> sequential = runner.runAll(cases, 1, r -> { }).stream().map(CaseResult::render).toList();
        List<String> streamed = new ArrayList<>();
        List<String> parallel = runner.runAll(cases, 3, r -> streamed.add(r.render())).stream().map(CaseResult::render).toList();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(streamed).isEqualTo(sequential);
        assertThat(ConformanceRunner.summaryByFile(runner.runAll(cases, 2, r -> { })))
                .containsExactly(resource("runner-cases.yaml") + ": 14 cases, 8 passed, 4 failed, 2 skipped");
    }

    @Test
    void unreadableFilesAreOneFailedCase(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        java.nio.file.Files.writeString(file, "cases:\n  - id: 1\n   - id: 2\n");
        List<Case> cases = new CaseFileParser().parse(file);
        assertThat(cases).extracting(Case::id).containsExactly(CaseFileParser.FILE_CASE_ID);
        assertThat(cases.get(0).problem()).hasValueSatisfying(p -> assertThat(p).startsWith("cannot read the file as YAML"));
        assertThat(new ConformanceRunner(spark, ConformanceRunnerTest::sparkSql).run(cases.get(0)).status())
                .isEqualTo(CaseStatus.FAIL);
    }

    @Test
    void classifiesFailures() throws Exception {
        Case plain = new CaseFileParser().parse(resource("runner-cases.yaml")).get(0);
        java.util.Set<String> known = java.util.Set.of("sum");
        java.util.function.Function<String, FailureCause> cause =
                detail -> FailureCause.of(new CaseResult(plain, CaseStatus.FAIL, detail), known);
        assertThat(cause.apply("query failed: IllegalArgumentException: line 1:8: expected FROM near ';'\nSQL: x"))
                .isEqualTo(new FailureCause(FailureCause.Group.PARSE, "expected FROM near ';'"));
        assertThat(cause.apply("query failed: IllegalArgumentException: line 1:9: cannot evaluate expression: "
                + "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(c_1 AND c_2)\""))
                .isEqualTo(new FailureCause(FailureCause.Group.TYPE_RULE, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES"));
        assertThat(cause.apply("query failed: SparkDateTimeException: [CAST_INVALID_INPUT] The value '10' of the type "
                + "\"STRING\" cannot be cast to \"TIMESTAMP\" because it is malformed."))
                .isEqualTo(new FailureCause(FailureCause.Group.TYPE_RULE, "CAST_INVALID_INPUT STRING to TIMESTAMP"));
        assertThat(cause.apply("query failed: IllegalArgumentException: line 1:1: [UNRESOLVED_ROUTINE] Cannot resolve routine `like_match` on"))
                .isEqualTo(new FailureCause(FailureCause.Group.MISSING_FUNCTION, "lacks like_match"));
        assertThat(cause.apply("expected the query to fail, but it returned 1 rows").group())
                .isEqualTo(FailureCause.Group.ACCEPTS_INVALID);
        assertThat(cause.apply("cannot build the case: input 0: unknown column type 'map<int,string>'"))
                .isEqualTo(new FailureCause(FailureCause.Group.CASE_FILE, "input 0: unknown column type 'map<int,string>'"));
        assertThat(cause.apply("row 2: expected [2, 21]\n       actual   [2, 20]"))
                .isEqualTo(new FailureCause(FailureCause.Group.WRONG_ROWS, "wrong values"));
        assertThat(cause.apply("columns: expected [id int]\n         actual   [id bigint]").group())
                .isEqualTo(FailureCause.Group.WRONG_COLUMNS);
        // A call of a function outside the known ones is the cause, whatever error it led to.
        Case calling = new CaseFileParser().parse(resource("runner-cases.yaml")).get(4);
        assertThat(FailureCause.of(new CaseResult(calling, CaseStatus.FAIL, "row 1: expected [1]"), known))
                .isEqualTo(new FailureCause(FailureCause.Group.MISSING_FUNCTION, "lacks join"));
    }

    @Test
    void debugsSelectCases() throws Exception {
        List<Case> cases = new CaseFileParser().parse(resource("debug-cases.yaml"));
        assertThat(cases).extracting(Case::id).containsExactly("a");
    }

    @Test
    void malformedCasesFailNamingTheProblem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(file, """
                cases:
                  - id: 7
                    desc: bad type
                    inputs:
                      - columns: ["c1 int8"]
                    sql: select 1
                  - id: 8
                    desc: no sql
                  - id: 9
                    desc: fine
                    sql: select 1
                """);
        List<Case> cases = new CaseFileParser().parse(file);
        assertThat(cases).extracting(Case::id).containsExactly("7", "8", "9");
        assertThat(cases.get(0).problem()).hasValue("input 0: unknown column type 'int8'");
        assertThat(cases.get(1).problem()).hasValue("no 'sql' or 'sqls'");
        assertThat(cases.get(2).problem()).isEmpty();
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

    /** A case whose order column neither side has is sorted by the first column, as OpenMLDB's offline checker does. */
    @Test
    void aMissingOrderColumnSortsByTheFirstColumn() {
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("a", org.apache.spark.sql.types.DataTypes.IntegerType)
                .add("b", org.apache.spark.sql.types.DataTypes.StringType);
        List<Column> columns = List.of(new Column("a", ColumnType.parse("int")), new Column("b", ColumnType.parse("string")));
        Expectation expectation = new Expectation(Optional.of(columns),
                Optional.of(List.of(List.of(1, "x"), List.of(2, "y"))), Optional.of("id"), true, Optional.empty());
        List<Row> result = List.of(org.apache.spark.sql.RowFactory.create(2, "y"), org.apache.spark.sql.RowFactory.create(1, "x"));
        assertThat(ResultComparator.compare(expectation, schema, new ArrayList<>(result))).isEmpty();
        List<Row> wrong = List.of(org.apache.spark.sql.RowFactory.create(2, "x"), org.apache.spark.sql.RowFactory.create(1, "y"));
        assertThat(ResultComparator.compare(expectation, schema, new ArrayList<>(wrong))).isPresent();
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

package io.windrow.sql.conformance;

import io.windrow.testing.TestSpark;
import io.windrow.sql.FeatureEngine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * OpenMLDB's own conformance cases (every YAML file under
 * {@code ${windrow.shared}/conformance/openmldb-corpus}) on Windrow's {@link FeatureEngine}: one
 * dynamic test per case, named by its id and description in a container per file. A failing case
 * fails with the runner's diff; a case the file marks offline-unsupport, batch-unsupport or TODO
 * is reported as aborted with that reason.
 *
 * <p>Cases the engine does not pass yet are listed, with the reason, in
 * {@code src/test/resources/conformance-known-gaps.txt}. A listed case that fails is reported as
 * aborted; an unlisted failure fails the build, and so does a listed case that now passes or no
 * longer exists, so the list can only shrink and always says exactly where Windrow differs from
 * OpenMLDB. With {@code -Dwindrow.conformance.writeGaps=FILE} the test writes the list of the run
 * to FILE instead of checking it (the command is in the list's header).
 *
 * <p>The cases run up front, {@code windrow.conformance.parallelism} (default 2) at a time on the
 * one SparkSession; the summary (per file, skips by reason, failures by cause) is printed at the end.
 */
class OpenMldbConformanceTest {
    private static final List<CaseResult> RESULTS = new ArrayList<>();
    private static final String WRITE_GAPS = System.getProperty("windrow.conformance.writeGaps", "");

    private static Path caseFolder() {
        return TestSpark.shared().resolve("conformance").resolve("openmldb-corpus");
    }

    @TestFactory
    Stream<DynamicNode> openMldbCases() throws IOException {
        Path folder = caseFolder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        assertThat(files).as("case files under " + folder).isNotEmpty();
        SparkSession spark = TestSpark.spark();
        FeatureEngine engine = new FeatureEngine(spark);
        ConformanceRunner runner = new ConformanceRunner(spark, QueryEngine.of(engine));
        CaseFileParser parser = new CaseFileParser();
        List<Case> cases = new ArrayList<>();
        files.forEach(file -> cases.addAll(parser.parse(file)));
        RESULTS.addAll(runner.runAll(cases, Integer.getInteger("windrow.conformance.parallelism", 2), result -> { }));

        KnownGaps gaps = KnownGaps.load("/conformance-known-gaps.txt");
        Map<String, List<DynamicNode>> byFile = new LinkedHashMap<>();
        Map<String, FailureCause> failures = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<CaseResult, FailureCause> causes = FailureBreakdown.causes(RESULTS, SupportedFunctions.standard().names());
        for (CaseResult result : RESULTS) {
            String file = folder.relativize(Path.of(result.testCase().file())).toString();
            String key = KnownGaps.key(file, result.testCase().id());
            seen.add(key);
            if (causes.containsKey(result)) {
                failures.put(key, causes.get(result));
            }
            String gap = gaps.reason(file, result.testCase().id());
            byFile.computeIfAbsent(file, name -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest(result.testCase().title(), () -> check(result, key, gap)));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byFile.forEach((file, tests) -> nodes.add(DynamicContainer.dynamicContainer(file, tests)));
        if (!WRITE_GAPS.isEmpty()) {
            gaps.write(Path.of(WRITE_GAPS), failures);
            System.out.println("OpenMLDB conformance: wrote " + failures.size() + " known gaps to " + WRITE_GAPS);
        }
        nodes.add(DynamicTest.dynamicTest("every listed gap is a case of the corpus", () -> {
            Set<String> stale = new LinkedHashSet<>(gaps.keys());
            stale.removeAll(seen);
            if (!stale.isEmpty() && WRITE_GAPS.isEmpty()) {
                fail("conformance-known-gaps.txt lists cases the corpus does not have (delete them): " + stale);
            }
        }));
        return nodes.stream();
    }

    private static void check(CaseResult result, String key, String gap) {
        boolean checking = WRITE_GAPS.isEmpty();
        switch (result.status()) {
            case SKIP -> {
                if (gap != null && checking) {
                    fail("skipped by the case file: remove '" + key + "' from conformance-known-gaps.txt");
                }
                abort(result.detail());
            }
            case FAIL -> {
                if (gap == null && checking) {
                    fail(result.render());
                }
                abort(gap == null ? "failing (not checked while writing the gaps file)" : "known gap (" + gap + ")");
            }
            case PASS -> {
                if (gap != null && checking) {
                    fail("passes now: remove '" + key + "' from conformance-known-gaps.txt");
                }
            }
        }
    }

    @AfterAll
    static void summary() {
        if (RESULTS.isEmpty()) {
            return;
        }
        System.out.println("OpenMLDB conformance, per file:");
        ConformanceRunner.summaryByFile(RESULTS).forEach(line -> System.out.println("  " + line));
        System.out.println(FailureBreakdown.render(RESULTS, SupportedFunctions.standard().names()));
        System.out.println("OpenMLDB conformance: " + ConformanceRunner.summary(RESULTS));
    }
}

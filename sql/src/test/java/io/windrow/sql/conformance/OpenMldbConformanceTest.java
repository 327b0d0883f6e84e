package io.windrow.sql.conformance;

import io.windrow.sql.TestSpark;
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
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * OpenMLDB's own conformance cases (every YAML file under {@code ${windrow.shared}/conformance/openmldb})
 * on Windrow's {@link FeatureEngine}: one dynamic test per case; a failing case fails with the
 * runner's diff, a skipped one (marked by the file, or calling a function Windrow does not have)
 * is reported as aborted with its reason.
 *
 * <p>Cases the engine does not pass yet are listed, with the reason, in
 * {@code src/test/resources/conformance-known-gaps.txt}. A listed case that fails is reported as
 * aborted; an unlisted failure fails the build, and so does a listed case that now passes, so the
 * list can only shrink and always says exactly where Windrow differs from OpenMLDB.
 */
class OpenMldbConformanceTest {
    private static final List<CaseResult> RESULTS = Collections.synchronizedList(new ArrayList<>());

    private static Path caseFolder() {
        return Path.of(System.getProperty("windrow.shared", "../../shared"), "conformance", "openmldb");
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
        ConformanceRunner runner = new ConformanceRunner(spark, engine::execute, SupportedFunctions.standard());
        CaseFileParser parser = new CaseFileParser();
        KnownGaps gaps = KnownGaps.load("/conformance-known-gaps.txt");
        return files.stream().map(file -> {
            String name = folder.relativize(file).toString();
            List<Case> cases;
            try {
                cases = parser.parse(file);
            } catch (IllegalArgumentException e) {
                return DynamicTest.dynamicTest(name, () -> fail(e.getMessage(), e));
            }
            return DynamicContainer.dynamicContainer(name, cases.stream().map(testCase -> DynamicTest.dynamicTest(testCase.title(), () -> {
                    CaseResult result = runner.run(testCase);
                    RESULTS.add(result);
                    String gap = gaps.reason(name, testCase.title());
                    switch (result.status()) {
                        case SKIP -> abort(result.detail());
                        case FAIL -> {
                            if (gap == null) {
                                fail(result.render());
                            }
                            abort("known gap (" + gap + ")");
                        }
                        case PASS -> {
                            if (gap != null) {
                                fail("passes now: remove '" + name + " | " + testCase.title()
                                        + "' from conformance-known-gaps.txt");
                            }
                        }
                    }
                })));
        });
    }

    @AfterAll
    static void summary() {
        System.out.println("OpenMLDB conformance: " + ConformanceRunner.summary(RESULTS));
    }
}

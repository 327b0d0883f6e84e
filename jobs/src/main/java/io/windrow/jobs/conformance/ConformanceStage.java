package io.windrow.jobs.conformance;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.conformance.Case;
import io.windrow.sql.conformance.CaseFileParser;
import io.windrow.sql.conformance.CaseResult;
import io.windrow.sql.conformance.CaseStatus;
import io.windrow.sql.conformance.ConformanceRunner;
import io.windrow.sql.conformance.FailureBreakdown;
import io.windrow.sql.conformance.QueryEngine;
import io.windrow.sql.conformance.SupportedFunctions;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code scripts/windrow conformance FILE.yaml|FOLDER...}: runs OpenMLDB YAML case files on
 * Windrow's feature engine and prints, per case, {@code PASS id desc}, {@code FAIL id desc} with
 * the diff, or {@code SKIP id desc: reason}, then a line per file, the failures counted by cause
 * ({@link FailureBreakdown}) and one line {@code N cases: N passed, N failed, N skipped (skips by
 * reason)}. A folder stands for every {@code .yaml}/{@code .yml} file below it (resource files,
 * which hold a table and no cases, contribute none). Fails (exit 1) when any case fails.
 */
public final class ConformanceStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new ConformanceStage(), args);
    }

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String description() {
        return "run OpenMLDB YAML test-case files on the feature engine (args: FILE.yaml or FOLDER...)";
    }

    @Override
    public StageResult run(StageContext context) {
        List<Path> files = caseFiles(context.arguments());
        Config config = context.stageConfig();
        List<Path> resourceRoots = config.getStringList("resource-roots").stream().map(Path::of).toList();
        CaseFileParser parser = new CaseFileParser(resourceRoots);
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            cases.addAll(parser.parse(file));
        }
        SparkSession spark = context.spark();
        spark.conf().set("spark.sql.shuffle.partitions", config.getInt("shuffle-partitions"));
        FeatureEngine engine = new FeatureEngine(spark);
        ConformanceRunner runner = new ConformanceRunner(spark, QueryEngine.of(engine));
        PrintStream out = System.out;
        List<CaseResult> results = runner.runAll(cases, config.getInt("parallelism"), result -> {
            out.println(result.render());
            out.flush();
        });
        String summary = ConformanceRunner.summary(results);
        if (files.size() > 1) {
            ConformanceRunner.summaryByFile(results).forEach(out::println);
        }
        if (results.stream().anyMatch(result -> result.status() == CaseStatus.FAIL)) {
            out.println(FailureBreakdown.render(results, SupportedFunctions.standard().names()));
        }
        out.println(summary);
        out.flush();
        long failed = results.stream().filter(result -> result.status() == CaseStatus.FAIL).count();
        if (failed > 0) {
            throw new WindrowException(failed + " of " + results.size() + " conformance cases failed (" + summary + ")");
        }
        return new StageResult(summary);
    }

    /** The case files named on the command line; a folder contributes its .yaml files, sorted. */
    static List<Path> caseFiles(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new WindrowException("conformance needs case files: scripts/windrow conformance FILE.yaml|FOLDER...");
        }
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    files.addAll(walk.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                            .sorted().toList());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new WindrowException("conformance case file not found: " + argument);
            }
        }
        return files;
    }
}

package io.windrow.jobs;

import com.typesafe.config.Config;
import io.windrow.jobs.config.ConfigHelp;
import io.windrow.jobs.config.StageConfig;
import io.windrow.jobs.output.StageOutput;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs one stage from the command line: parses {@code [--config FILE]... [--set KEY=VALUE]...},
 * loads and logs the config, starts Spark when the stage needs it, runs the stage, commits its
 * outputs and prints a one-line summary. A failure prints one line naming the culprit and exits
 * with its {@link ExitCode} (2 usage/config/SQL, 4 input data, 1 runtime; {@link Failure} decides);
 * the stack trace only with {@code --verbose} (or {@code WINDROW_DEBUG}) or for a runtime failure.
 * Nothing the stage wrote becomes visible.
 */
public final class StageMain {
    private static final Logger LOG = LoggerFactory.getLogger(StageMain.class);

    private StageMain() {}

    /** Entry point for each stage's own main class. */
    public static void main(Stage stage, String[] args) {
        int code = run(stage, args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the stage; returns the process exit code ({@link ExitCode}). */
    public static int run(Stage stage, String[] args, PrintStream out, PrintStream err) {
        String prefix = "windrow " + stage.name() + ": ";
        boolean verbose = System.getenv("WINDROW_DEBUG") != null;
        try {
            Arguments arguments = Arguments.parse(args);
            verbose |= arguments.verbose;
            if (arguments.help) {
                out.print(help(stage));
                return 0;
            }
            Config config = StageConfig.load(arguments.configFiles, arguments.sets);
            stage.validate(config);
            if (arguments.printConfig) {
                out.println(StageConfig.render(config, sections(stage)));
            }
            SparkSessionHolder spark = new SparkSessionHolder(stage.name());
            execute(stage, config, arguments.positional, spark::get, out);
            return 0;
        } catch (Throwable e) {
            Failure failure = Failure.of(e);
            err.println(prefix + "error: " + failure.line());
            if (verbose || failure.code() == ExitCode.RUNTIME) {
                e.printStackTrace(err);
            } else {
                LOG.debug("{}stack trace of the error", prefix, e);
            }
            return failure.code().code();
        }
    }

    private static List<String> sections(Stage stage) {
        List<String> sections = new ArrayList<>(List.of("windrow"));
        sections.addAll(stage.configSections());
        return sections;
    }

    /**
     * Runs a stage with an already loaded config: logs the config, runs it, commits its outputs
     * with their metrics and prints the summary line. On failure every output the stage opened is
     * aborted and the failure rethrown. {@link io.windrow.jobs.pipeline.PipelineStage} uses it to
     * chain stages in one JVM and one SparkSession.
     */
    public static StageResult execute(Stage stage, Config config, List<String> positional,
            Supplier<SparkSession> spark, PrintStream out) throws Exception {
        String prefix = "windrow " + stage.name() + ": ";
        String rendered = StageConfig.render(config, sections(stage));
        LOG.info("{}config resolved ({} lines; saved beside the output as {}; --print-config prints it)", prefix,
                rendered.lines().count(), StageOutput.CONFIG);
        StageContext context = new StageContext(stage.name(), config, rendered, positional, spark);
        checkOutputAtStart(stage, config);
        try (SparkProgress progress = SparkProgress.start(prefix, config.getLong("windrow.progress-seconds"))) {
            long start = System.nanoTime();
            StageResult result = stage.run(context);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (StageOutput output : context.outputs()) {
                output.metric("stage", stage.name()).metric("duration_s", Math.round(seconds * 1000) / 1000.0);
                output.commit(context.renderedConfig());
            }
            out.printf(Locale.ROOT, "%sOK in %.1fs: %s%n", prefix, seconds, result.summary());
            return result;
        } catch (Throwable e) {
            context.outputs().forEach(StageOutput::abort);
            throw e;
        }
    }

    /**
     * Refuses an output that may not be written before any Spark work, rather than after it. The
     * stage's {@code output} key is checked with a plain Hadoop configuration; a file system that
     * needs Spark's settings to answer is checked again, for certain, when the stage opens it.
     */
    private static void checkOutputAtStart(Stage stage, Config config) {
        String key = stage.name() + ".output";
        if (!config.hasPath(key) || config.getValue(key).valueType() != com.typesafe.config.ConfigValueType.STRING) {
            return;
        }
        String range = stage.name() + ".range.start";
        if (config.hasPath(range) && !config.getString(range).isBlank()) {
            return; // a range run writes output/dt=DAY folders, each checked when it is opened
        }
        try {
            StageOutput.checkWritable(config.getString(key), stage.name(), config.getBoolean("windrow.overwrite"),
                    new org.apache.hadoop.conf.Configuration());
        } catch (java.io.UncheckedIOException e) {
            LOG.debug("cannot check {} at start: {}", key, e.getMessage());
        }
    }

    static String help(Stage stage) {
        StringBuilder text = new StringBuilder();
        text.append("windrow ").append(stage.name()).append(": ").append(stage.description()).append("\n\n");
        text.append("usage: scripts/windrow ").append(stage.name())
                .append(" [--config FILE]... [--set KEY=VALUE]... [--print-config] [--verbose] [-- SPARK-SUBMIT-OPTIONS]\n\n")
                .append("exit codes: 0 ok, 1 runtime failure, 2 usage/config/SQL error, 4 input data error\n\nconfig keys:\n");
        List<String> sections = new ArrayList<>(stage.configSections());
        sections.add("windrow");
        text.append(ConfigHelp.describe(sections));
        return text.toString();
    }

    /** Starts the SparkSession on first use, so stages that need none (train) start none. */
    private static final class SparkSessionHolder {
        private final String stageName;
        private SparkSession session;

        SparkSessionHolder(String stageName) {
            this.stageName = stageName;
        }

        synchronized SparkSession get() {
            if (session == null) {
                SparkSession.Builder builder = SparkSession.builder().appName("windrow-" + stageName);
                if (!new SparkConf().contains("spark.master")) {
                    builder.master("local[*]"); // a plain `java` run (tests, IDE); spark-submit always sets one
                }
                session = builder.getOrCreate();
            }
            return session;
        }
    }

    /** The command-line arguments a stage accepts (Spark's own options are the launcher's). */
    private record Arguments(List<Path> configFiles, List<String> sets, List<String> positional, boolean help,
            boolean verbose, boolean printConfig) {
        static Arguments parse(String[] args) {
            List<Path> files = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            List<String> positional = new ArrayList<>();
            boolean help = false;
            boolean verbose = false;
            boolean printConfig = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> files.add(Path.of(value(args, ++i, "--config")));
                    case "--set" -> sets.add(value(args, ++i, "--set"));
                    case "--help", "-h" -> help = true;
                    case "--verbose", "-v" -> verbose = true;
                    case "--print-config" -> printConfig = true;
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new WindrowException("unknown option '" + args[i]
                                    + "' (expected --config FILE, --set KEY=VALUE, --print-config, --verbose or --help)");
                        }
                        positional.add(args[i]);
                    }
                }
            }
            return new Arguments(files, sets, positional, help, verbose, printConfig);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new WindrowException(option + " needs a value");
            }
            return args[i];
        }
    }
}

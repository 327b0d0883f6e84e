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
 * outputs and prints a one-line summary. A user error prints one line naming the culprit and
 * exits 1; nothing the stage wrote becomes visible.
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

    /** Runs the stage; returns the process exit code. */
    public static int run(Stage stage, String[] args, PrintStream out, PrintStream err) {
        String prefix = "windrow " + stage.name() + ": ";
        try {
            Arguments arguments = Arguments.parse(args);
            if (arguments.help) {
                out.print(help(stage));
                return 0;
            }
            Config config = StageConfig.load(arguments.configFiles, arguments.sets);
            SparkSessionHolder spark = new SparkSessionHolder(stage.name());
            execute(stage, config, arguments.positional, spark::get, out);
            return 0;
        } catch (Throwable e) {
            err.println(prefix + "error: " + oneLine(e));
            if (!isUserError(e) || System.getenv("WINDROW_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
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
        List<String> sections = new ArrayList<>(List.of("windrow"));
        sections.addAll(stage.configSections());
        String rendered = StageConfig.render(config, sections);
        LOG.info("{}config\n{}", prefix, rendered);
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
                .append(" [--config FILE]... [--set KEY=VALUE]... [-- SPARK-SUBMIT-OPTIONS]\n\nconfig keys:\n");
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

    private static boolean isUserError(Throwable e) {
        return e instanceof WindrowException || e instanceof IllegalArgumentException
                || e instanceof org.apache.spark.sql.AnalysisException;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!isUserError(e)) {
            message = e.getClass().getSimpleName() + ": " + message;
        }
        return message.replaceAll("\\s*\\n\\s*", " ");
    }

    /** The command-line arguments a stage accepts (Spark's own options are the launcher's). */
    private record Arguments(List<Path> configFiles, List<String> sets, List<String> positional, boolean help) {
        static Arguments parse(String[] args) {
            List<Path> files = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            List<String> positional = new ArrayList<>();
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> files.add(Path.of(value(args, ++i, "--config")));
                    case "--set" -> sets.add(value(args, ++i, "--set"));
                    case "--help", "-h" -> help = true;
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new WindrowException("unknown option '" + args[i]
                                    + "' (expected --config FILE, --set KEY=VALUE or --help)");
                        }
                        positional.add(args[i]);
                    }
                }
            }
            return new Arguments(files, sets, positional, help);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new WindrowException(option + " needs a value");
            }
            return args[i];
        }
    }
}

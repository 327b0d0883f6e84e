package io.windrow.jobs;

import com.typesafe.config.ConfigException;
import io.windrow.sql.SqlException;
import org.apache.spark.SparkThrowable;

import java.io.FileNotFoundException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The one place that decides what a failure means to a user: its {@link ExitCode} and the one line
 * that says what went wrong. Windrow's own exceptions already carry a line naming the culprit;
 * errors from Spark and Hadoop are recognised by their error condition or cause (a path that does
 * not exist, a file that is not parquet or is cut short) and turned into words, so no stack trace
 * is needed to see the cause. Anything unrecognised is a runtime failure, reported with its type.
 */
public record Failure(ExitCode code, String line) {
    private static final Pattern READING_FILE = Pattern.compile("(?:reading file|read file|footer for:?|file:?) ?(\\S+?)\\.?(?:\\s|$)");

    public Failure {
        requireNonNull(code, "code");
        requireNonNull(line, "line");
    }

    public static Failure of(Throwable error) {
        requireNonNull(error, "error");
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof InputDataException) {
                return new Failure(ExitCode.INPUT, flat(e.getMessage()));
            }
            if (e instanceof WindrowException || e instanceof SqlException || e instanceof ConfigException) {
                return new Failure(ExitCode.USAGE, flat(e.getMessage()));
            }
        }
        Optional<String> input = inputProblem(error);
        if (input.isPresent()) {
            return new Failure(ExitCode.INPUT, input.get());
        }
        if (error instanceof IllegalArgumentException || error instanceof org.apache.spark.sql.AnalysisException) {
            // The parser's and planner's errors ("line 3:14: ...") and Spark's analysis of the SQL.
            return new Failure(ExitCode.USAGE, flat(String.valueOf(error.getMessage())));
        }
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        return new Failure(ExitCode.RUNTIME, flat(error.getClass().getSimpleName() + message));
    }

    /**
     * The input-reading problem inside {@code error}, in words naming the path or file, if it is
     * one: a path that does not exist, a folder without data files, a file that is corrupt, cut
     * short or not of the expected format.
     */
    public static Optional<String> inputProblem(Throwable error) {
        String file = null;
        for (Throwable e = error; e != null; e = e.getCause()) {
            String condition = e instanceof SparkThrowable spark && spark.getCondition() != null ? spark.getCondition() : "";
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (condition.equals("PATH_NOT_FOUND")) {
                return Optional.of("path does not exist: " + afterColon(message));
            }
            if (condition.equals("UNABLE_TO_INFER_SCHEMA")) {
                return Optional.of("no data files to read (an empty folder?)");
            }
            if (condition.startsWith("FAILED_READ_FILE") || message.startsWith("Could not read footer")) {
                Matcher matcher = READING_FILE.matcher(message);
                if (file == null && matcher.find()) {
                    file = matcher.group(1);
                }
            }
            if (e instanceof FileNotFoundException) {
                return Optional.of("file disappeared or cannot be opened: " + flat(message));
            }
            int notParquet = message.indexOf(" is not a Parquet file");
            if (file == null && notParquet > 0) {
                String before = message.substring(0, notParquet).trim();
                file = before.substring(before.lastIndexOf(' ') + 1);
            }
            if (message.contains("is not a Parquet file") || message.contains("Can not read value at")
                    || e instanceof java.io.EOFException || e.getClass().getName().startsWith("org.apache.parquet.")) {
                String cause = message.contains("is not a Parquet file") ? "is not a parquet file (truncated or another format)"
                        : e instanceof java.io.EOFException ? "ends early (truncated)" : "is corrupt (" + flat(message) + ")";
                return Optional.of("input file " + (file == null ? "" : file + " ") + cause);
            }
        }
        return file == null ? Optional.empty() : Optional.of("cannot read input file " + file + ": " + rootMessage(error));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return flat(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static String afterColon(String message) {
        int colon = message.indexOf(": ");
        return flat(colon >= 0 ? message.substring(colon + 2) : message).replaceAll("\\.$", "");
    }

    private static String flat(String message) {
        return message.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}

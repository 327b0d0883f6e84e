package io.windrow.sql.conformance;

import io.windrow.sql.ddl.TableIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Runs conformance {@link Case}s on a {@link QueryEngine}: builds each input as a Spark DataFrame
 * with the exact column types of the case, runs the statements (the last one's result is
 * checked) and compares it with the expectation ({@link ResultComparator}). Only the cases the file
 * marks as not for an offline engine are skipped; a case that cannot be built, or calls a function
 * Windrow lacks, fails with the reason.
 *
 * <p>A case expecting {@code success: false} passes only when the engine rejects the query with a
 * user-facing error (IllegalArgumentException, a Spark analysis or runtime error, an arithmetic
 * error), not with an internal one (NullPointerException, ClassCastException,
 * UnsupportedOperationException, ...), which would hide a bug behind the expected failure.
 */
public final class ConformanceRunner {
    private static final Set<Class<? extends Throwable>> INTERNAL_ERRORS = Set.of(
            NullPointerException.class, ClassCastException.class, UnsupportedOperationException.class,
            IllegalStateException.class, IndexOutOfBoundsException.class, AssertionError.class,
            StackOverflowError.class, NoSuchMethodError.class, NoClassDefFoundError.class);

    private static final int MAX_ERROR_CHARS = 600;
    /** How the detail of a case that cannot be built starts. */
    public static final String CANNOT_BUILD = "cannot build the case: ";

    private final SparkSession spark;
    private final QueryEngine engine;

    public ConformanceRunner(SparkSession spark, QueryEngine engine) {
        this.spark = requireNonNull(spark, "spark");
        this.engine = requireNonNull(engine, "engine");
    }

    /** Runs the cases in order, passing each result to {@code listener} as it is known. */
    public List<CaseResult> runAll(List<Case> cases, Consumer<CaseResult> listener) {
        return runAll(cases, 1, listener);
    }

    /**
     * Runs the cases on {@code parallelism} threads of the one SparkSession and passes the results to
     * {@code listener} in case order. A case's tiny Spark jobs leave the cores mostly idle (job
     * scheduling, planning, code generation run on the driver one step at a time), so a few cases at
     * once finish the corpus sooner; the engine keeps no state between queries.
     */
    public List<CaseResult> runAll(List<Case> cases, int parallelism, Consumer<CaseResult> listener) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, not " + parallelism);
        }
        List<CaseResult> results = new ArrayList<>();
        if (parallelism == 1) {
            for (Case testCase : cases) {
                CaseResult result = run(testCase);
                listener.accept(result);
                results.add(result);
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "conformance-case");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (Case testCase : cases) {
                futures.add(pool.submit(() -> run(testCase)));
            }
            for (Future<CaseResult> future : futures) {
                CaseResult result = future.get();
                listener.accept(result);
                results.add(result);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running conformance cases", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public CaseResult run(Case testCase) {
        if (testCase.skipReason().isPresent()) {
            return new CaseResult(testCase, CaseStatus.SKIP, testCase.skipReason().get());
        }
        if (testCase.problem().isPresent()) {
            return new CaseResult(testCase, CaseStatus.FAIL, CANNOT_BUILD + testCase.problem().get());
        }
        Map<String, Dataset<Row>> tables;
        Optional<Row> parameters;
        try {
            tables = tables(testCase);
            parameters = parameters(testCase);
        } catch (RuntimeException e) {
            return new CaseResult(testCase, CaseStatus.FAIL, CANNOT_BUILD + describe(e));
        }
        Dataset<Row> last = null;
        List<Row> rows;
        try {
            for (String sql : testCase.statements()) {
                last = parameters.isPresent() ? engine.execute(sql, tables, parameters.get()) : engine.execute(sql, tables);
            }
            rows = last.collectAsList();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            if (!testCase.expectation().success()) {
                return isInternal(e)
                        ? new CaseResult(testCase, CaseStatus.FAIL,
                                "expected the query to be rejected with a clear error, but it failed internally: " + describe(e))
                        : new CaseResult(testCase, CaseStatus.PASS, "");
            }
            return new CaseResult(testCase, CaseStatus.FAIL, "query failed: " + describe(e)
                    + "\nSQL: " + testCase.statements().get(testCase.statements().size() - 1).strip());
        }
        if (!testCase.expectation().success()) {
            return new CaseResult(testCase, CaseStatus.FAIL,
                    "expected the query to fail, but it returned " + rows.size() + " rows");
        }
        Optional<String> diff = ResultComparator.compare(testCase.expectation(), last.schema(), rows);
        return diff.map(text -> new CaseResult(testCase, CaseStatus.FAIL, text
                        + "\nSQL: " + testCase.statements().get(testCase.statements().size() - 1).strip()))
                .orElseGet(() -> new CaseResult(testCase, CaseStatus.PASS, ""));
    }

    /** The inputs by the names the SQL may use for them (see {@link QueryEngine}). */
    private Map<String, Dataset<Row>> tables(Case testCase) {
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (InputTable input : testCase.inputs()) {
            Dataset<Row> table = spark.createDataFrame(rows(input), schema(input));
            if (input.database().isEmpty() || input.database().equals(testCase.database())) {
                tables.put(input.name(), table);
            }
            input.database().ifPresent(database -> tables.put(database + "." + input.name(), table));
        }
        return tables;
    }

    private static Optional<Row> parameters(Case testCase) {
        if (testCase.parameters().isEmpty()) {
            return Optional.empty();
        }
        InputTable parameters = testCase.parameters().get();
        List<Row> rows = rows(parameters);
        if (rows.size() != 1) {
            throw new IllegalArgumentException("parameters must have one row, not " + rows.size());
        }
        return Optional.of(new GenericRowWithSchema(((GenericRow) rows.get(0)).values(), schema(parameters)));
    }

    private static StructType schema(InputTable input) {
        List<StructField> fields = new ArrayList<>();
        for (Column column : input.columns()) {
            fields.add(DataTypes.createStructField(column.name(), column.type().sparkType(), true));
        }
        return TableIndex.attach(DataTypes.createStructType(fields), input.indexes());
    }

    private static List<Row> rows(InputTable input) {
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (List<Object> literals : input.rows()) {
            line++;
            Object[] values = new Object[input.columns().size()];
            for (int i = 0; i < values.length; i++) {
                try {
                    values[i] = input.columns().get(i).type().toSpark(literals.get(i));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("table " + input.name() + " row " + line + " column "
                            + input.columns().get(i).name() + ": " + e.getMessage(), e);
                }
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }

    static boolean isInternal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> internal : INTERNAL_ERRORS) {
                if (internal.isInstance(cause)) {
                    return true;
                }
            }
            if (cause.getClass().getName().equals("scala.MatchError")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        text = text.replaceAll("\\s*\\n\\s*", " ");
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + " ...";
    }

    /**
     * The final line: {@code N cases: N passed, N failed, N skipped}, the skips counted by reason
     * when there are any ({@code (mode offline-unsupport: N, tag TODO: N)}).
     */
    public static String summary(List<CaseResult> results) {
        Map<CaseStatus, Integer> counts = new EnumMap<>(CaseStatus.class);
        for (CaseStatus status : CaseStatus.values()) {
            counts.put(status, 0);
        }
        Map<String, Integer> skips = new TreeMap<>();
        for (CaseResult result : results) {
            counts.merge(result.status(), 1, Integer::sum);
            if (result.status() == CaseStatus.SKIP) {
                skips.merge(result.detail(), 1, Integer::sum);
            }
        }
        String line = results.size() + " cases: " + counts.get(CaseStatus.PASS) + " passed, "
                + counts.get(CaseStatus.FAIL) + " failed, " + counts.get(CaseStatus.SKIP) + " skipped";
        if (!skips.isEmpty()) {
            line += skips.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                    .collect(Collectors.joining(", ", " (", ")"));
        }
        return line;
    }

    /** One line per case file, in the order of first appearance: {@code FILE: N cases, N passed, N failed, N skipped}. */
    public static List<String> summaryByFile(List<CaseResult> results) {
        Map<String, int[]> byFile = new LinkedHashMap<>();
        for (CaseResult result : results) {
            int[] counts = byFile.computeIfAbsent(result.testCase().file(), file -> new int[CaseStatus.values().length]);
            counts[result.status().ordinal()]++;
        }
        List<String> lines = new ArrayList<>();
        byFile.forEach((file, counts) -> lines.add(file + ": " + (counts[0] + counts[1] + counts[2]) + " cases, "
                + counts[CaseStatus.PASS.ordinal()] + " passed, " + counts[CaseStatus.FAIL.ordinal()] + " failed, "
                + counts[CaseStatus.SKIP.ordinal()] + " skipped"));
        return lines;
    }
}

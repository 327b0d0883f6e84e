package io.windrow.sql.conformance;

import io.windrow.sql.ddl.TableIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Runs conformance {@link Case}s on a {@link QueryEngine}: builds each input as a Spark DataFrame
 * with the exact column types of the case, runs the statements (the last one's result is
 * checked) and compares it with the expectation ({@link ResultComparator}). A case that calls a
 * function outside {@link SupportedFunctions} is skipped, as are the cases the file marks.
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

    private final SparkSession spark;
    private final QueryEngine engine;
    private final SupportedFunctions functions;

    public ConformanceRunner(SparkSession spark, QueryEngine engine, SupportedFunctions functions) {
        this.spark = requireNonNull(spark, "spark");
        this.engine = requireNonNull(engine, "engine");
        this.functions = requireNonNull(functions, "functions");
    }

    /** Runs the cases in order, passing each result to {@code listener} as it is known. */
    public List<CaseResult> runAll(List<Case> cases, Consumer<CaseResult> listener) {
        List<CaseResult> results = new ArrayList<>();
        for (Case testCase : cases) {
            CaseResult result = run(testCase);
            listener.accept(result);
            results.add(result);
        }
        return results;
    }

    /** Why the case is skipped, if it is. */
    public Optional<String> skipReason(Case testCase) {
        if (testCase.skipReason().isPresent()) {
            return testCase.skipReason();
        }
        Set<String> calls = new LinkedHashSet<>();
        testCase.statements().forEach(sql -> calls.addAll(FunctionCalls.in(sql)));
        Set<String> unsupported = functions.unsupported(calls);
        if (!unsupported.isEmpty()) {
            return Optional.of("calls functions outside `scripts/windrow functions`: " + String.join(", ", unsupported));
        }
        return Optional.empty();
    }

    public CaseResult run(Case testCase) {
        Optional<String> skip = skipReason(testCase);
        if (skip.isPresent()) {
            return new CaseResult(testCase, CaseStatus.SKIP, skip.get());
        }
        Map<String, Dataset<Row>> tables;
        try {
            tables = tables(testCase);
        } catch (RuntimeException e) {
            return new CaseResult(testCase, CaseStatus.FAIL, "cannot build the input tables: " + describe(e));
        }
        Dataset<Row> last = null;
        List<Row> rows;
        try {
            for (String sql : testCase.statements()) {
                last = engine.execute(sql, tables);
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

    private Map<String, Dataset<Row>> tables(Case testCase) {
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (InputTable input : testCase.inputs()) {
            List<StructField> fields = new ArrayList<>();
            for (Column column : input.columns()) {
                fields.add(DataTypes.createStructField(column.name(), column.type().sparkType(), true));
            }
            StructType schema = TableIndex.attach(DataTypes.createStructType(fields), input.indexes());
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
            tables.put(input.name(), spark.createDataFrame(rows, schema));
        }
        return tables;
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

    /** The final line: {@code N passed, N failed, N skipped}. */
    public static String summary(List<CaseResult> results) {
        Map<CaseStatus, Integer> counts = new EnumMap<>(CaseStatus.class);
        for (CaseStatus status : CaseStatus.values()) {
            counts.put(status, 0);
        }
        results.forEach(result -> counts.merge(result.status(), 1, Integer::sum));
        return counts.get(CaseStatus.PASS) + " passed, " + counts.get(CaseStatus.FAIL) + " failed, "
                + counts.get(CaseStatus.SKIP) + " skipped";
    }
}

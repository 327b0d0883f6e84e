package io.windrow.jobs.serve;

import io.windrow.jobs.InputDataException;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.preprocess.PreprocessPipeline;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableInputException;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.sql.request.RequestEngine;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.apache.spark.sql.functions.col;

/**
 * Builds the predict service from a finished pipeline's outputs, the one place {@code serve} and
 * {@code bench serve} do it: reads the SQL and DDL, builds the request engine, loads the fitted
 * preprocessing (the MLlib pipeline {@code score} applies) and the model, checks that they fit the
 * SQL's feature columns, then streams each history table's rows from its files through the local
 * SparkSession ({@code toLocalIterator}: one partition at a time, nothing collected) into the
 * engine. Spark is used here only; the request path never touches it.
 */
final class ServeSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ServeSetup.class);

    /** The built service and what loading the history took. */
    record Prepared(Predictor predictor, Map<String, Long> historyRows, long historyHeapBytes, List<Object[]> sampleRequests) {
    }

    private ServeSetup() {
    }

    /**
     * @param samples how many of the main table's stored rows to keep as sample requests (for the benchmark)
     */
    static Prepared prepare(ServeSettings settings, SparkSession spark,
            BiFunction<String, Map<String, StructType>, RequestEngine> engines, int samples) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Map<String, TableDefinition> ddl;
        try {
            ddl = DdlParser.parse(readText(settings.ddl(), "serve.ddl", hadoop));
        } catch (IllegalArgumentException e) {
            throw new WindrowException("serve.ddl " + settings.ddl() + ": " + e.getMessage(), e);
        }
        String sql = readText(settings.sql(), "serve.sql", hadoop);
        Map<String, StructType> schemas = new LinkedHashMap<>();
        ddl.values().forEach(table -> schemas.put(table.name(), table.schema()));
        RequestEngine engine;
        try {
            engine = engines.apply(sql, schemas);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // SqlException is an IllegalArgumentException; SQL that request mode does not support says so
            throw new WindrowException("serve.sql " + settings.sql() + ": " + e.getMessage(), e);
        }

        FittedPreprocessor fitted;
        try {
            fitted = PreprocessPipeline.fitted(PreprocessPipeline.load(settings.preprocess()));
        } catch (IllegalArgumentException e) {
            throw new InputDataException("serve.preprocess: " + e.getMessage(), e);
        }
        byte[] model = readModel(settings.model(), hadoop);
        Predictor predictor;
        try {
            predictor = new Predictor(engine, fitted, model, settings.model(), settings.modelCopies());
        } catch (IllegalArgumentException e) {
            throw new WindrowException("serve: " + e.getMessage() + " (serve.sql " + settings.sql() + ", serve.preprocess "
                    + settings.preprocess() + ", serve.model " + settings.model() + ")", e);
        }

        long heapBefore = usedHeapAfterGc();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<Object[]> sampled = new ArrayList<>();
        for (Map.Entry<String, ServeSettings.TableSource> source : sources(settings, ddl, hadoop).entrySet()) {
            TableDefinition definition = ddl.get(source.getKey());
            StructType schema = readSchema(engine, definition.name());
            if (schema == null) {
                LOG.info("serve: table {} is not read by the SQL; its history is not loaded", definition.name());
                continue;
            }
            boolean main = definition.name().equals(engine.mainTable());
            long count = load(spark, engine, definition, schema, source.getValue(), main ? sampled : null, samples);
            rows.put(definition.name(), count);
            LOG.info("serve: {} history rows of {} loaded from {}", count, definition.name(), source.getValue().path());
        }
        long heap = Math.max(0, usedHeapAfterGc() - heapBefore);
        return new Prepared(predictor, rows, heap, List.copyOf(sampled));
    }

    /** The configured history tables by their DDL name: explicit blocks, then input-dir's folders. */
    private static Map<String, ServeSettings.TableSource> sources(ServeSettings settings, Map<String, TableDefinition> ddl,
            Configuration hadoop) {
        Map<String, ServeSettings.TableSource> out = new LinkedHashMap<>();
        for (Map.Entry<String, ServeSettings.TableSource> entry : settings.tables().entrySet()) {
            TableDefinition definition = ddl.values().stream().filter(d -> d.name().equalsIgnoreCase(entry.getKey()))
                    .findFirst().orElseThrow(() -> new WindrowException(entry.getValue().key() + ": table " + entry.getKey()
                            + " is not declared in " + settings.ddl() + " (declared: " + String.join(", ", ddl.keySet()) + ")"));
            out.put(definition.name(), entry.getValue());
        }
        String inputDir = settings.inputDir();
        if (!inputDir.isBlank() && StageOutput.isComplete(inputDir, hadoop)) {
            for (TableDefinition definition : ddl.values()) {
                Path path = new Path(inputDir, definition.name());
                try {
                    if (!out.containsKey(definition.name()) && path.getFileSystem(hadoop).exists(path)) {
                        out.put(definition.name(), new ServeSettings.TableSource(path.toString(), "parquet", "features.input-dir"));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot check " + path, e);
                }
            }
        }
        return out;
    }

    private static StructType readSchema(RequestEngine engine, String table) {
        try {
            return engine.tableSchema(table);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            return null;
        }
    }

    private static long load(SparkSession spark, RequestEngine engine, TableDefinition definition, StructType schema,
            ServeSettings.TableSource source, List<Object[]> sampled, int samples) {
        Dataset<Row> table;
        try {
            table = TableLoader.load(spark, definition, source.path(), source.format());
        } catch (TableInputException e) {
            throw new InputDataException(source.key() + ": " + e.getMessage(), e);
        }
        Column[] columns = java.util.Arrays.stream(schema.fieldNames()).map(name -> col("`" + name.replace("`", "``") + "`"))
                .toArray(Column[]::new);
        int width = columns.length;
        long count = 0;
        Iterator<Row> rows = table.select(columns).toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            Object[] values = new Object[width];
            for (int i = 0; i < width; i++) {
                values[i] = row.get(i);
            }
            try {
                engine.append(definition.name(), values);
            } catch (IllegalArgumentException e) {
                throw new InputDataException(source.key() + ": table " + definition.name() + " (" + source.path()
                        + ") row " + count + ": " + e.getMessage(), e);
            }
            if (sampled != null && sampled.size() < samples) {
                sampled.add(values);
            }
            count++;
        }
        return count;
    }

    private static String readText(String location, String key, Configuration hadoop) {
        try {
            Path path = new Path(location);
            try (FSDataInputStream in = path.getFileSystem(hadoop).open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.io.FileNotFoundException e) {
            throw new WindrowException(key + ": file " + location + " does not exist", e);
        } catch (IOException e) {
            throw new WindrowException(key + ": cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readModel(String file, Configuration hadoop) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new InputDataException("serve.model: model " + file + " not found (run the train stage first)");
            }
            try (FSDataInputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read model " + file, e);
        }
    }

    /** Heap in use after a full collection: the growth across loading is what the history holds. */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

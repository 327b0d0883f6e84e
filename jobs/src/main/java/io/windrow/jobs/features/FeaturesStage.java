package io.windrow.jobs.features;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ast.Script;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.sql.parser.Parser;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code features} stage: reads the configured tables with the schemas their DDL declares,
 * runs an OpenMLDB feature SQL script with the {@link FeatureEngine} and writes the result
 * atomically as parquet or as CSV (header, {@code null} for NULL). Metrics: rows read per table,
 * rows written, and main-table rows dropped for a NULL or negative window order key (a warning).
 */
public final class FeaturesStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesStage.class);

    public static void main(String[] args) {
        StageMain.main(new FeaturesStage(), args);
    }

    @Override
    public String name() {
        return "features";
    }

    @Override
    public String description() {
        return "run OpenMLDB-dialect feature SQL (windows, window unions, LAST JOIN) on Spark with OpenMLDB's results";
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        Config config = context.stageConfig();
        SparkSession spark = context.spark();
        String ddlPath = required(config, "ddl");
        String sqlPath = required(config, "sql");
        Map<String, TableDefinition> ddl;
        try {
            ddl = DdlParser.parse(readText(context, ddlPath));
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.ddl " + ddlPath + ": " + e.getMessage(), e);
        }
        Script script;
        try {
            script = Parser.parseScript(readText(context, sqlPath));
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
        }
        if (script.outfile() != null) {
            LOG.info("The script's INTO OUTFILE '{}' is ignored: the stage writes to features.output", script.outfile());
        }

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        Config tableConfigs = config.getConfig("tables");
        for (String name : tableConfigs.root().keySet()) {
            if (tableConfigs.root().get(name).valueType() != ConfigValueType.OBJECT) {
                throw new WindrowException("features.tables." + name + " must be an object { path = ..., format = ... }");
            }
            Config table = tableConfigs.getConfig("\"" + name + "\"");
            TableDefinition definition = definition(ddl, name, ddlPath);
            if (!table.hasPath("path")) {
                throw new WindrowException("features.tables." + name + ".path is missing");
            }
            String format = table.hasPath("format") ? table.getString("format") : "parquet";
            try {
                tables.put(definition.name(), TableLoader.load(spark, definition, table.getString("path"), format));
            } catch (IllegalArgumentException e) {
                throw new WindrowException("features.tables." + name + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new WindrowException("features.tables." + name + ": cannot read " + table.getString("path")
                        + ": " + e.getMessage(), e);
            }
        }
        for (String name : config.getStringList("empty-tables")) {
            TableDefinition definition = definition(ddl, name, ddlPath);
            if (tables.containsKey(definition.name())) {
                throw new WindrowException("table " + name + " is both in features.tables and features.empty-tables");
            }
            tables.put(definition.name(), TableLoader.empty(spark, definition));
        }
        // Declared tables not configured otherwise come from input-dir/<name> (the generate stage's layout).
        String inputDir = config.getString("input-dir");
        if (StageOutput.isComplete(inputDir, context.hadoopConf())) {
            for (TableDefinition definition : ddl.values()) {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(inputDir, definition.name());
                if (!tables.containsKey(definition.name()) && path.getFileSystem(context.hadoopConf()).exists(path)) {
                    tables.put(definition.name(), TableLoader.load(spark, definition, path.toString(), "parquet"));
                }
            }
        }

        int partitions = config.getInt("partitions");
        FeatureEngine.Execution execution;
        try {
            execution = new FeatureEngine(spark, FeatureEngine.standardFunctions(), partitions)
                    .run(script.query(), tables);
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
        }

        String format = config.getString("output-format").toLowerCase(Locale.ROOT);
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw new WindrowException("features.output-format must be parquet or csv, got '" + format + "'");
        }
        StageOutput output = context.openOutput(config.getString("output"));
        Dataset<Row> result = execution.output();
        int files = config.getInt("output-files");
        if (files > 0) {
            result = result.coalesce(files);
        }
        if (format.equals("parquet")) {
            result.write().mode(SaveMode.Append).parquet(output.stagingPath());
        } else {
            result.write().mode(SaveMode.Append).option("header", "true").option("nullValue", "null")
                    .option("emptyValue", "").csv(output.stagingPath());
        }

        long rowsOut = spark.read().format(format).option("header", "true").load(output.stagingPath()).count();
        for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
            output.metric("rows_in." + table.getKey(), table.getValue().count());
        }
        long dropped = execution.droppedRowCount();
        output.metric("rows_out", rowsOut).metric("rows_dropped_null_or_negative_order_key", dropped)
                .metric("columns", result.columns().length);
        if (dropped > 0) {
            LOG.warn("{} main-table row(s) had a NULL or negative window ORDER BY value and produce no output "
                    + "(OpenMLDB's offline rule)", dropped);
        }
        return new StageResult(String.format(Locale.ROOT, "%d feature rows, %d columns%s -> %s", rowsOut,
                result.columns().length, dropped > 0 ? ", " + dropped + " rows dropped for NULL/negative order keys" : "",
                output.path()));
    }

    private static TableDefinition definition(Map<String, TableDefinition> ddl, String name, String ddlPath) {
        TableDefinition definition = ddl.get(name);
        if (definition == null) {
            definition = ddl.values().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new WindrowException("table " + name + " is not declared in " + ddlPath
                            + " (declared: " + String.join(", ", ddl.keySet()) + ")"));
        }
        return definition;
    }

    private static String required(Config config, String key) {
        String value = config.getString(key);
        if (value.isBlank()) {
            throw new WindrowException("features." + key + " is not set");
        }
        return value;
    }

    private static String readText(StageContext context, String location) {
        try {
            Path path = new Path(location);
            try (FSDataInputStream in = path.getFileSystem(context.hadoopConf()).open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new WindrowException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> configSections() {
        return List.of("features");
    }
}

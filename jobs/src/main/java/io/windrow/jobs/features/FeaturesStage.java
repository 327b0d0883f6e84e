package io.windrow.jobs.features;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.Failure;
import io.windrow.jobs.InputDataException;
import io.windrow.jobs.config.Suggestions;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.output.StageOutput;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ast.Script;
import io.windrow.sql.ddl.CatalogTables;
import io.windrow.sql.ddl.DatePartitions;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableInputException;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.sql.parser.Parser;
import io.windrow.sql.range.HistoryRule;
import io.windrow.sql.range.RangeInputs;
import io.windrow.sql.parser.QueryParameters;
import io.windrow.udf.type.SqlType;
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
import java.time.LocalDate;
import java.util.ArrayList;
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

    /** The keys of one {@code features.parameters} entry. */
    private static final List<String> PARAMETER_KEYS = List.of("type", "value");

    /**
     * The values of the SQL's {@code ?} placeholders, in order, from {@code features.parameters}: a
     * list of {@code { type = int, value = 5 }} (OpenMLDB's parameterized queries; {@code value = null}
     * is a NULL of the type). Also used by {@code explain}, which plans the same SQL.
     *
     * @param config the {@code features} block
     */
    public static QueryParameters parameters(Config config) {
        List<SqlType> types = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<? extends ConfigValue> entries = config.getList("parameters");
        for (int i = 0; i < entries.size(); i++) {
            String key = "features.parameters[" + i + "]";
            if (entries.get(i).valueType() != ConfigValueType.OBJECT) {
                throw new WindrowException(key + " must be an object { type = int, value = 5 }");
            }
            ConfigObject entry = (ConfigObject) entries.get(i);
            for (String inner : entry.keySet()) {
                if (!PARAMETER_KEYS.contains(inner)) {
                    throw new WindrowException("unknown config key '" + inner + "' in " + key
                            + Suggestions.didYouMean(inner, PARAMETER_KEYS) + "; a parameter holds type and value");
                }
            }
            if (!entry.containsKey("type") || !entry.containsKey("value")) {
                throw new WindrowException(key + " needs both type and value, e.g. { type = int, value = 5 }");
            }
            String typeName = String.valueOf(entry.get("type").unwrapped());
            SqlType type = SqlType.named(typeName).filter(t -> t != SqlType.NULL && t != SqlType.STRING_LIST)
                    .orElseThrow(() -> new WindrowException(key + ".type: unknown type '" + typeName
                            + "'; parameters are bool, smallint, int, bigint, float, double, string, timestamp or date"));
            Object raw = entry.get("value").unwrapped();
            try {
                values.add(QueryParameters.parse(type, raw == null ? null : String.valueOf(raw)));
            } catch (IllegalArgumentException e) {
                throw new WindrowException(key + ".value: " + e.getMessage(), e);
            }
            types.add(type);
        }
        return new QueryParameters(types, values);
    }

    /** The keys of one {@code features.tables.NAME} block. */
    private static final List<String> TABLE_KEYS = List.of("path", "table", "format", "partition-column", "partition-format");
    private static final List<String> FORMATS = List.of("parquet", "csv");

    @Override
    public void validate(Config root) {
        Config config = root.getConfig(name());
        atLeastZero(config, "partitions", "0 uses spark.sql.shuffle.partitions");
        atLeastZero(config, "output-files", "0 keeps the engine's partitioning");
        oneOf(config.getString("output-format"), "features.output-format", FORMATS);
        oneOf(config.getString("bad-values"), "features.bad-values", List.of("error", "null"));
        required(config, "ddl");
        required(config, "sql");
        parameters(config);
        Config tables = config.getConfig("tables");
        for (String table : tables.root().keySet()) {
            String key = "features.tables." + table;
            if (tables.root().get(table).valueType() != ConfigValueType.OBJECT) {
                throw new WindrowException(key + " must be an object { path = ..., format = parquet | csv }");
            }
            Config block = tables.getConfig("\"" + table + "\"");
            for (String inner : block.root().keySet()) {
                if (!TABLE_KEYS.contains(inner)) {
                    throw new WindrowException("unknown config key '" + key + "." + inner + "'" + origin(block, inner)
                            + Suggestions.didYouMean(inner, TABLE_KEYS) + "; a table block holds " + String.join(", ", TABLE_KEYS));
                }
            }
            boolean path = block.hasPath("path") && !block.getString("path").isBlank();
            boolean catalog = block.hasPath("table") && !block.getString("table").isBlank();
            if (!path && !catalog) {
                throw new WindrowException(key + ".path is missing (or name a table of the Spark catalog: table = db.name)");
            }
            if (path && catalog) {
                throw new WindrowException(key + ": set either path (files) or table (a table of the Spark catalog), not both");
            }
            if (catalog && block.hasPath("partition-column") && !block.getString("partition-column").isBlank()) {
                throw new WindrowException(key + ".partition-column: a catalog table's partition column comes from the catalog");
            }
            if (block.hasPath("format")) {
                oneOf(block.getString("format"), key + ".format", FORMATS);
            }
            if (block.hasPath("partition-column") && block.hasPath("format")
                    && !block.getString("format").equalsIgnoreCase("parquet")) {
                throw new WindrowException(key + ": date-partitioned tables are read as parquet only (format = "
                        + block.getString("format") + ")");
            }
        }
        range(config);
    }

    /** {@code features.range} as [start, end) dates, or null for a full run. */
    private static LocalDate[] range(Config config) {
        if (!config.hasPath("range.start") || config.getString("range.start").isBlank()) {
            if (config.hasPath("range.end") && !config.getString("range.end").isBlank()) {
                throw new WindrowException("features.range.end is set without features.range.start");
            }
            return null;
        }
        LocalDate start = date(config, "range.start");
        LocalDate end = config.getString("range.end").isBlank() ? start.plusDays(1) : date(config, "range.end");
        if (!start.isBefore(end)) {
            throw new WindrowException("features.range: start " + start + " is not before end " + end);
        }
        return new LocalDate[] {start, end};
    }

    private static LocalDate date(Config config, String key) {
        try {
            return LocalDate.parse(config.getString(key));
        } catch (java.time.format.DateTimeParseException e) {
            throw new WindrowException("features." + key + " must be a date yyyy-MM-dd, got '" + config.getString(key) + "'");
        }
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        Config config = context.stageConfig();
        String ddlPath = required(config, "ddl");
        String sqlPath = required(config, "sql");
        Map<String, TableDefinition> ddl;
        try {
            ddl = DdlParser.parse(readText(context, ddlPath, "features.ddl"));
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.ddl " + ddlPath + ": " + e.getMessage(), e);
        }
        Script script;
        try {
            script = Parser.parseScript(readText(context, sqlPath, "features.sql"), parameters(config));
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
        }
        if (script.outfile() != null) {
            LOG.info("The script's INTO OUTFILE '{}' is ignored: the stage writes to features.output", script.outfile());
        }
        SparkSession spark = context.spark();
        TableLoader.BadValues badValues = TableLoader.BadValues.valueOf(config.getString("bad-values").toUpperCase(Locale.ROOT));

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>(); // table -> the config key its data comes from
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, Long> badCounts = new LinkedHashMap<>();
        Map<String, RangeInputs.Partitioned> partitioned = new LinkedHashMap<>();
        LocalDate[] range = range(config);
        Config tableConfigs = config.getConfig("tables");
        for (String name : tableConfigs.root().keySet()) {
            Config table = tableConfigs.getConfig("\"" + name + "\"");
            TableDefinition definition = definition(ddl, name, ddlPath);
            String format = table.hasPath("format") ? table.getString("format") : "parquet";
            String key = "features.tables." + name;
            String pattern = table.hasPath("partition-format") ? table.getString("partition-format") : "yyyy-MM-dd";
            DatePartitions catalogPartitions = null;
            String location = null;
            if (table.hasPath("table") && !table.getString("table").isBlank()) {
                try {
                    CatalogTables.Located located = CatalogTables.locate(spark, definition.name(), table.getString("table"), pattern);
                    catalogPartitions = located.partitions();
                    location = located.location();
                } catch (TableInputException e) {
                    throw new InputDataException(key + ".table: " + e.getMessage(), e);
                }
            }
            String path = location != null ? location : table.getString("path");
            if (catalogPartitions != null || table.hasPath("partition-column") && !table.getString("partition-column").isBlank()) {
                DatePartitions listed = catalogPartitions != null ? catalogPartitions
                        : listPartitions(key, context, definition, path, table.getString("partition-column"), pattern);
                partitioned.put(definition.name(), new RangeInputs.Partitioned(definition, listed));
                // A range run reads the partitions RangeInputs picks; its plan needs the schema only.
                tables.put(definition.name(), range != null ? TableLoader.empty(spark, definition) : load(key,
                        () -> new TableLoader.Loaded(TableLoader.partitions(spark, definition, listed.partitions(), null, null), 0))
                        .table());
                keys.put(definition.name(), key);
                paths.put(definition.name(), path);
                continue;
            }
            TableLoader.Loaded loaded = load(key, () -> TableLoader.load(spark, definition, path, format, badValues));
            tables.put(definition.name(), loaded.table());
            keys.put(definition.name(), key);
            paths.put(definition.name(), path);
            if (loaded.badValues() > 0) {
                badCounts.put(definition.name(), loaded.badValues());
                LOG.warn("{} ({}): {} CSV value(s) do not parse as their DDL type and are read as NULL (features.bad-values = null)",
                        key, path, loaded.badValues());
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
                    String key = "features.input-dir";
                    tables.put(definition.name(), load(key, () -> TableLoader.load(spark, definition, path.toString(),
                            "parquet", badValues)).table());
                    keys.put(definition.name(), key);
                    paths.put(definition.name(), path.toString());
                }
            }
        }

        FeatureEngine engine = new FeatureEngine(spark, FeatureEngine.standardFunctions(), config.getInt("partitions"));
        if (range == null) {
            FeatureEngine.Execution execution;
            try {
                execution = engine.run(script.query(), tables);
            } catch (IllegalArgumentException e) {
                throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
            }
            Written written = write(context, config.getString("output"), execution, tables, List.of(), badCounts, keys, paths);
            long bad = badCounts.values().stream().mapToLong(Long::longValue).sum();
            return new StageResult(String.format(Locale.ROOT, "%d feature rows, %d columns%s%s -> %s", written.rows(),
                    written.columns(), written.dropped() > 0 ? ", " + written.dropped()
                            + " rows dropped for NULL/negative order keys" : "",
                    bad > 0 ? ", " + bad + " unparseable CSV values read as NULL" : "", written.path()));
        }
        // A range run: one day after another, each into its own partition output/dt=DAY (atomic, replacing that day only).
        HistoryRule.History history;
        try {
            history = HistoryRule.derive(engine.plan(script.query(), tables));
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
        }
        Map<String, RangeInputs.Input> inputs = new LinkedHashMap<>();
        tables.forEach((name, table) -> inputs.put(name, partitioned.containsKey(name) ? partitioned.get(name)
                : new RangeInputs.Whole(table)));
        long rows = 0;
        int columns = 0;
        List<String> written = new java.util.ArrayList<>();
        for (LocalDate day = range[0]; day.isBefore(range[1]); day = day.plusDays(1)) {
            RangeInputs.Prepared prepared;
            FeatureEngine.Execution execution;
            try {
                prepared = RangeInputs.prepare(spark, history, inputs, day, day.plusDays(1));
                execution = engine.run(script.query(), prepared.tables(), prepared.minPosition());
            } catch (TableInputException e) {
                throw new InputDataException("features.tables." + e.table() + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
            }
            if (!prepared.hasRows()) {
                LOG.warn("features.range: the main table {} has no partition for {}; its output partition is empty",
                        history.mainTable(), day);
            }
            for (RangeInputs.Read read : prepared.reads()) {
                LOG.info("{}: {} read {} of {} partitions whole ({}), {} older partitions reduced", day, read.table(),
                        read.wholePartitions(), read.allPartitions(), read.rule(), read.reducedPartitions());
            }
            Written day_ = write(context, new Path(config.getString("output"), "dt=" + day).toString(), execution,
                    prepared.tables(), prepared.reads(), badCounts, keys, paths);
            rows += day_.rows();
            columns = day_.columns();
            written.add(day_.path());
        }
        return new StageResult(String.format(Locale.ROOT, "%d feature rows, %d columns, %d day(s) [%s, %s) -> %s", rows, columns,
                written.size(), range[0], range[1], String.join(", ", written)));
    }

    private record Written(String path, long rows, int columns, long dropped) {}

    /** Writes one run's rows to one atomic stage output, with its metrics. */
    private Written write(StageContext context, String location, FeatureEngine.Execution execution,
            Map<String, Dataset<Row>> tables, List<RangeInputs.Read> reads, Map<String, Long> badCounts,
            Map<String, String> keys, Map<String, String> paths) throws Exception {
        Config config = context.stageConfig();
        SparkSession spark = context.spark();
        String format = config.getString("output-format").toLowerCase(Locale.ROOT);
        StageOutput output = context.openOutput(location);
        Dataset<Row> result = execution.output();
        int files = config.getInt("output-files");
        if (files > 0) {
            result = result.coalesce(files);
        }
        try {
            if (format.equals("parquet")) {
                result.write().mode(SaveMode.Append).parquet(output.stagingPath());
            } else {
                result.write().mode(SaveMode.Append).option("header", "true").option("nullValue", "null")
                        .option("emptyValue", "").csv(output.stagingPath());
            }
        } catch (Exception e) { // SparkException (a failed job) is a checked exception
            throw readFailure(e, keys, paths);
        }

        long rowsOut = spark.read().format(format).option("header", "true").load(output.stagingPath()).count();
        for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
            output.metric("rows_in." + table.getKey(), table.getValue().count());
        }
        badCounts.forEach((table, count) -> output.metric("bad_values." + table, count));
        for (RangeInputs.Read read : reads) {
            output.metric("range_partitions_whole." + read.table(), read.wholePartitions())
                    .metric("range_partitions_reduced." + read.table(), read.reducedPartitions())
                    .metric("range_partitions_available." + read.table(), read.allPartitions());
        }
        long dropped = execution.droppedRowCount();
        output.metric("rows_out", rowsOut).metric("rows_dropped_null_or_negative_order_key", dropped)
                .metric("columns", result.columns().length);
        if (dropped > 0) {
            LOG.warn("{} main-table row(s) had a NULL or negative window ORDER BY value and produce no output "
                    + "(OpenMLDB's offline rule)", dropped);
        }
        return new Written(output.path(), rowsOut, result.columns().length, dropped);
    }

    private static DatePartitions listPartitions(String key, StageContext context, TableDefinition definition, String path,
            String column, String pattern) {
        try {
            return DatePartitions.list(context.hadoopConf(), definition.name(), path, column, pattern);
        } catch (TableInputException e) {
            throw new InputDataException(key + ": " + e.getMessage(), e);
        }
    }

    /** Loads a table; a failure to read it becomes one line naming the config key, table and path. */
    private static TableLoader.Loaded load(String key, java.util.function.Supplier<TableLoader.Loaded> loader) {
        try {
            return loader.get();
        } catch (TableInputException e) {
            String hint = e.problem().contains(" is not a valid ") ? " (features.bad-values = null reads such values as NULL)" : "";
            throw new InputDataException(key + ": " + e.getMessage() + hint, e);
        }
    }

    /**
     * A failure while Spark reads the inputs (a truncated or corrupt file shows only then), named
     * by the table whose path holds the file; anything else is rethrown as it is.
     */
    private static Exception readFailure(Exception e, Map<String, String> keys, Map<String, String> paths) {
        java.util.Optional<String> problem = Failure.inputProblem(e);
        if (problem.isEmpty()) {
            return e;
        }
        for (Map.Entry<String, String> table : paths.entrySet()) {
            String absolute = new java.io.File(table.getValue()).getAbsolutePath();
            if (problem.get().contains(table.getValue()) || problem.get().contains(absolute)) {
                return new InputDataException(keys.get(table.getKey()) + ": table " + table.getKey() + " ("
                        + table.getValue() + "): " + problem.get(), e);
            }
        }
        return new InputDataException("features input: " + problem.get(), e);
    }

    private static void atLeastZero(Config config, String key, String meaning) {
        int value = config.getInt(key);
        if (value < 0) {
            throw new WindrowException("features." + key + " must be 0 or more (" + meaning + "), got " + value);
        }
    }

    private static void oneOf(String value, String key, List<String> allowed) {
        if (!allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw new WindrowException(key + " must be " + String.join(" or ", allowed) + ", got '" + value + "'"
                    + Suggestions.didYouMean(value, allowed));
        }
    }

    private static String origin(Config block, String key) {
        String description = block.root().get(key).origin().description();
        return description == null ? "" : " (" + description + ")";
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

    private static String readText(StageContext context, String location, String key) {
        try {
            Path path = new Path(location);
            try (FSDataInputStream in = path.getFileSystem(context.hadoopConf()).open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.io.FileNotFoundException e) {
            throw new WindrowException(key + ": file " + location + " does not exist", e);
        } catch (IOException e) {
            throw new WindrowException(key + ": cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> configSections() {
        return List.of("features");
    }
}

package io.windrow.sql.ddl;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_millis;

/**
 * Reads an input table (parquet or CSV) with the schema its {@code CREATE TABLE} declares. Parquet
 * columns must exist with the declared type (a file column may be wider in name case only); a
 * mismatch is an error naming the table and column. Parquet timestamps written with
 * {@code isAdjustedToUTC=false} (TIMESTAMP_NTZ) are read as the UTC instants they hold, as
 * OpenMLDB does (the JD sample is written that way). CSV columns are matched to the DDL by their
 * header names (every file's header must be the same; a column missing or extra is an error), values
 * are typed by the DDL: timestamps as epoch milliseconds or text, {@code null}/{@code NULL}/empty as
 * NULL, and a value that does not parse is an error naming file, line and column, or NULL and
 * counted ({@link BadValues}); each file is read whole, by one task. This is the one place tables
 * get their DDL types, for the features stage and for a notebook alike.
 */
public final class TableLoader {
    private TableLoader() {}

    /** What to do with a CSV value that does not parse as its column's DDL type. */
    public enum BadValues {
        /** Fail, naming the file, line and column of the first such value. */
        ERROR,
        /** Read it as NULL; the count is returned so the caller can report it. */
        NULL
    }

    /** A loaded table and the number of CSV values read as NULL because they did not parse. */
    public record Loaded(Dataset<Row> table, long badValues) {
        public Loaded {
            requireNonNull(table, "table");
        }
    }

    /** Loads a table; a CSV value that does not parse as its declared type is an error. */
    public static Dataset<Row> load(SparkSession spark, TableDefinition table, String path, String format) {
        return load(spark, table, path, format, BadValues.ERROR).table();
    }

    /**
     * Loads a table with the DDL's schema. Failures to open it (a missing path, an empty folder, a
     * file that is not parquet, a column missing or mistyped, a CSV header that does not match the
     * DDL by name, a CSV value that does not parse under {@link BadValues#ERROR}) throw a
     * {@link TableInputException} naming the table and path. CSV values are checked here, in one
     * pass over the files; parquet files are only opened when the table is read.
     */
    public static Loaded load(SparkSession spark, TableDefinition table, String path, String format, BadValues policy) {
        requireNonNull(spark, "spark");
        requireNonNull(table, "table");
        requireNonNull(path, "path");
        requireNonNull(policy, "policy");
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> new Loaded(parquet(spark, table, path), 0);
            case "csv" -> csv(spark, table, path, policy);
            default -> throw new IllegalArgumentException("table " + table.name() + ": unknown format '" + format
                    + "' (use parquet or csv)");
        };
    }

    /** An empty table with the declared schema (for a table the SQL names but no data exists for). */
    public static Dataset<Row> empty(SparkSession spark, TableDefinition table) {
        return spark.createDataFrame(List.of(), table.schema());
    }

    /**
     * Reads date partitions of a parquet table with the DDL's schema, as one relation over the
     * partition folders (so the input order is files in path order: by date, then file name). Each
     * partition's schema is checked against the DDL first, so a partition written with another
     * schema is a {@link TableInputException} naming that partition's folder. {@code extra}, when
     * not null, is one more column computed over the raw files (it may use Spark's {@code _metadata})
     * and kept under {@code extraName}. No partitions: an empty table.
     */
    public static Dataset<Row> partitions(SparkSession spark, TableDefinition table, List<DatePartitions.Partition> partitions,
            Column extra, String extraName) {
        requireNonNull(spark, "spark");
        requireNonNull(table, "table");
        requireNonNull(partitions, "partitions");
        if (partitions.isEmpty()) {
            Dataset<Row> empty = empty(spark, table);
            return extra == null ? empty : empty.withColumn(extraName, org.apache.spark.sql.functions.lit(null).cast("long"));
        }
        for (DatePartitions.Partition partition : partitions) {
            StructType fileSchema;
            try {
                fileSchema = spark.read().parquet(partition.path()).schema();
            } catch (Exception e) { // AnalysisException is a checked exception
                throw inputError(table, partition.path(), e);
            }
            typedColumns(table, partition.path(), fileSchema); // throws naming the partition
        }
        String[] paths = partitions.stream().map(DatePartitions.Partition::path).toArray(String[]::new);
        Dataset<Row> raw;
        StructType fileSchema;
        try {
            raw = spark.read().parquet(paths);
            fileSchema = raw.schema();
        } catch (Exception e) { // AnalysisException is a checked exception
            throw inputError(table, paths[0], e);
        }
        List<Column> columns = typedColumns(table, paths[0], fileSchema);
        if (extra != null) {
            columns.add(extra.as(extraName));
        }
        return raw.select(columns.toArray(new Column[0]));
    }

    private static List<Column> typedColumns(TableDefinition table, String path, StructType fileSchema) {
        List<Column> columns = new ArrayList<>();
        for (StructField declared : table.schema().fields()) {
            StructField actual = find(fileSchema, declared.name());
            if (actual == null) {
                throw new TableInputException(table.name(), path, "column " + declared.name()
                        + " is declared in the DDL but missing from the files");
            }
            columns.add(convert(table, path, declared, actual).as(declared.name(), declared.metadata()));
        }
        return columns;
    }

    private static Dataset<Row> parquet(SparkSession spark, TableDefinition table, String path) {
        Dataset<Row> raw;
        StructType fileSchema;
        try {
            raw = spark.read().parquet(path);
            fileSchema = raw.schema(); // Spark may analyse (list and open the files) only here
        } catch (Exception e) { // AnalysisException is a checked exception
            throw inputError(table, path, e);
        }
        return raw.select(typedColumns(table, path, fileSchema).toArray(new Column[0]));
    }

    private static Column convert(TableDefinition table, String path, StructField declared, StructField actual) {
        Column column = col("`" + actual.name() + "`");
        DataType want = declared.dataType();
        DataType have = actual.dataType();
        if (have.equals(want)) {
            return column;
        }
        if (want.equals(DataTypes.TimestampType) && have.equals(DataTypes.TimestampNTZType)) {
            // The wall-clock value is the UTC instant. The cast reads the wall clock in the session
            // zone; from_utc_timestamp shifts it back, so the result is independent of that zone.
            return org.apache.spark.sql.functions.from_utc_timestamp(column.cast(DataTypes.TimestampType),
                    sessionZone());
        }
        throw new TableInputException(table.name(), path, "column " + declared.name() + " has type "
                + SqlTypes.name(have) + " in the files but " + SqlTypes.name(want) + " in the DDL");
    }

    private static String sessionZone() {
        return SparkSession.active().conf().get("spark.sql.session.timeZone");
    }

    private static StructField find(StructType schema, String name) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        for (StructField field : schema.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    private static Loaded csv(SparkSession spark, TableDefinition table, String path, BadValues policy) {
        // multiLine: each file is read whole by one task (and quoted fields may span lines), so a
        // row's place in the file, which breaks ties, does not depend on how Spark would split it.
        // No schema: the columns are the header's, taken by name below, never by position.
        // enforceSchema=false makes Spark check every file's header against the first file's.
        DataFrameReader reader = spark.read().option("header", "true").option("nullValue", "null")
                .option("multiLine", "true").option("enforceSchema", "false");
        StructType header;
        try {
            header = reader.csv(path).schema();
        } catch (Exception e) { // AnalysisException is a checked exception
            throw inputError(table, path, e);
        }
        List<String> missing = new ArrayList<>();
        List<Column> texts = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            StructField actual = find(header, field.name());
            if (actual == null) {
                missing.add(field.name());
            } else {
                texts.add(col("`" + actual.name() + "`").as(field.name()));
            }
        }
        List<String> extra = new ArrayList<>();
        for (StructField field : header.fields()) {
            if (find(table.schema(), field.name()) == null) {
                extra.add(field.name());
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new TableInputException(table.name(), path, "CSV header "
                    + (missing.isEmpty() ? "" : "lacks the DDL's column(s) " + String.join(", ", missing))
                    + (missing.isEmpty() || extra.isEmpty() ? "" : " and ")
                    + (extra.isEmpty() ? "" : "has column(s) the DDL does not declare: " + String.join(", ", extra))
                    + " (columns are matched by name)");
        }
        Dataset<Row> raw = reader.schema(stringSchema(header)).csv(path);
        List<Column> columns = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            Column text = col("`" + find(header, field.name()).name() + "`");
            columns.add(typed(text, field.dataType()).as(field.name(), field.metadata()));
        }
        Dataset<Row> typed = raw.select(columns.toArray(new Column[0]));
        long bad;
        try {
            bad = CsvValueCheck.check(raw, header, table, path, policy);
        } catch (TableInputException e) {
            throw e;
        } catch (Exception e) { // SparkException (a failed job) is a checked exception
            throw inputError(table, path, e);
        }
        return new Loaded(typed, bad);
    }

    /** The DDL type's value of a CSV field; NULL for {@code null}, {@code NULL}, empty, or a value that does not parse. */
    static Column typed(Column text, DataType type) {
        if (type.equals(DataTypes.TimestampType)) {
            return org.apache.spark.sql.functions.when(text.rlike("^-?[0-9]+$"),
                    timestamp_millis(text.try_cast(DataTypes.LongType))).otherwise(text.try_cast(DataTypes.TimestampType));
        }
        return org.apache.spark.sql.functions.when(text.equalTo("NULL"), null).otherwise(text).try_cast(type);
    }

    private static StructType stringSchema(StructType header) {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : header.fields()) {
            fields.add(DataTypes.createStructField(field.name(), DataTypes.StringType, true));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /** A Spark failure while opening a table's files, in words naming the table and path. */
    static TableInputException inputError(TableDefinition table, String path, Exception e) {
        String condition = e instanceof org.apache.spark.SparkThrowable spark && spark.getCondition() != null
                ? spark.getCondition() : "";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String words = switch (condition) {
            case "PATH_NOT_FOUND" -> "path does not exist";
            case "UNABLE_TO_INFER_SCHEMA" -> "no data files in the folder (empty?)";
            default -> message.contains("CSV header does not conform") ? "a file's CSV header differs from the first file's: "
                    + message.replaceAll("\\s*\\n\\s*", " ")
                    : message.contains("is not a Parquet file") || message.contains("Could not read footer")
                    ? "a file is not valid parquet (truncated or another format): " + firstLine(rootCause(e))
                    : firstLine(rootCause(e));
        };
        return new TableInputException(table.name(), path, words, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\n\\s*", " ");
    }
}

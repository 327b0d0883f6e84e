package io.windrow.sql.ddl;

import org.apache.spark.sql.Column;
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
 * OpenMLDB does (the JD sample is written that way). CSV is read with the DDL schema: timestamps as
 * epoch milliseconds or text, {@code null}/{@code NULL} as NULL; each file whole, by one task.
 */
public final class TableLoader {
    private TableLoader() {}

    public static Dataset<Row> load(SparkSession spark, TableDefinition table, String path, String format) {
        requireNonNull(spark, "spark");
        requireNonNull(table, "table");
        requireNonNull(path, "path");
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> parquet(spark, table, path);
            case "csv" -> csv(spark, table, path);
            default -> throw new IllegalArgumentException("table " + table.name() + ": unknown format '" + format
                    + "' (use parquet or csv)");
        };
    }

    /** An empty table with the declared schema (for a table the SQL names but no data exists for). */
    public static Dataset<Row> empty(SparkSession spark, TableDefinition table) {
        return spark.createDataFrame(List.of(), table.schema());
    }

    private static Dataset<Row> parquet(SparkSession spark, TableDefinition table, String path) {
        Dataset<Row> raw = spark.read().parquet(path);
        StructType fileSchema = raw.schema();
        List<Column> columns = new ArrayList<>();
        for (StructField declared : table.schema().fields()) {
            StructField actual = find(fileSchema, declared.name());
            if (actual == null) {
                throw new IllegalArgumentException("table " + table.name() + " (" + path + "): column "
                        + declared.name() + " is declared in the DDL but missing from the file");
            }
            columns.add(convert(table, declared, actual).as(declared.name(), declared.metadata()));
        }
        return raw.select(columns.toArray(new Column[0]));
    }

    private static Column convert(TableDefinition table, StructField declared, StructField actual) {
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
        throw new IllegalArgumentException("table " + table.name() + ": column " + declared.name() + " has type "
                + SqlTypes.name(have) + " in the file but " + SqlTypes.name(want) + " in the DDL");
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

    private static Dataset<Row> csv(SparkSession spark, TableDefinition table, String path) {
        List<StructField> textFields = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            textFields.add(DataTypes.createStructField(field.name(), DataTypes.StringType, true));
        }
        // multiLine: each file is read whole by one task (and quoted fields may span lines), so a
        // row's place in the file, which breaks ties, does not depend on how Spark would split it.
        Dataset<Row> raw = spark.read().option("header", "true").option("nullValue", "null").option("multiLine", "true")
                .schema(new StructType(textFields.toArray(new StructField[0]))).csv(path);
        List<Column> columns = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            Column text = col("`" + field.name() + "`");
            Column value;
            if (field.dataType().equals(DataTypes.TimestampType)) {
                value = org.apache.spark.sql.functions.when(text.rlike("^-?[0-9]+$"),
                        timestamp_millis(text.try_cast(DataTypes.LongType))).otherwise(text.try_cast(DataTypes.TimestampType));
            } else {
                value = org.apache.spark.sql.functions.when(text.equalTo("NULL"), null).otherwise(text)
                        .try_cast(field.dataType());
            }
            columns.add(value.as(field.name(), field.metadata()));
        }
        return raw.select(columns.toArray(new Column[0]));
    }
}

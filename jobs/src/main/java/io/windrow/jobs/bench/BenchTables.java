package io.windrow.jobs.bench;

import io.windrow.jobs.WindrowException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The six input tables of the JD features in a folder: {@code <folder>/<table>} (as the generate
 * stage writes them) or {@code <folder>/<table>_clean} (as the JD sample names flattenRequest).
 * Only {@code action} may be absent (the JD sample lacks it): it is then an empty table.
 */
public record BenchTables(Map<String, Optional<String>> folders) {
    /** The tables and their schemas (shared/jd-sample/create_tables.sql), in Spark DDL. */
    public static final Map<String, String> SCHEMAS = orderedSchemas();

    public BenchTables {
        folders = Map.copyOf(folders);
    }

    private static Map<String, String> orderedSchemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("flattenRequest", "reqId string, eventTime timestamp, main_id string, pair_id string, user_id string, "
                + "sku_id string, time bigint, split_id int, time1 string");
        schemas.put("action", "reqId string, eventTime timestamp, ingestionTime timestamp, actionValue int");
        schemas.put("bo_user", "ingestionTime timestamp, user_id string, age string, sex string, user_lv_cd string, user_reg_tm bigint");
        schemas.put("bo_action", "ingestionTime timestamp, pair_id string, time bigint, model_id string, type string, cate string, br string");
        schemas.put("bo_product", "ingestionTime timestamp, sku_id string, a1 string, a2 string, a3 string, cate string, br string");
        schemas.put("bo_comment", "ingestionTime timestamp, dt bigint, sku_id string, comment_num int, has_bad_comment string, "
                + "bad_comment_rate float");
        return java.util.Collections.unmodifiableMap(schemas);
    }

    /** Finds the tables under {@code folder}; fails naming the first required table that is missing. */
    public static BenchTables locate(String folder, Configuration hadoop) {
        Map<String, Optional<String>> folders = new LinkedHashMap<>();
        try {
            Path root = new Path(folder);
            FileSystem fs = root.getFileSystem(hadoop);
            for (String table : SCHEMAS.keySet()) {
                Optional<String> found = Optional.empty();
                for (String name : List.of(table, table + "_clean")) {
                    Path candidate = new Path(root, name);
                    if (fs.isDirectory(candidate)) {
                        found = Optional.of(fs.makeQualified(candidate).toString());
                        break;
                    }
                }
                if (found.isEmpty() && !table.equals("action")) {
                    throw new WindrowException("bench input table " + table + " not found under " + folder
                            + " (expected " + table + "/ or " + table + "_clean/; run scripts/windrow generate first)");
                }
                folders.put(table, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bench input " + folder, e);
        }
        return new BenchTables(folders);
    }

    /** The tables as Spark Datasets (parquet timestamps read as TIMESTAMP, never TIMESTAMP_NTZ). */
    public Map<String, Dataset<Row>> load(SparkSession spark) {
        spark.conf().set("spark.sql.parquet.inferTimestampNTZ.enabled", "false");
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : SCHEMAS.entrySet()) {
            Optional<String> folder = folders.get(entry.getKey());
            StructType schema = StructType.fromDDL(entry.getValue());
            tables.put(entry.getKey(), folder.isPresent()
                    ? spark.read().parquet(folder.get())
                    : spark.createDataFrame(List.of(), schema));
        }
        return tables;
    }

    /** Local paths of the present tables, for DuckDB (which reads local files only here). */
    public Map<String, String> localFolders() {
        Map<String, String> local = new LinkedHashMap<>();
        folders.forEach((table, folder) -> folder.ifPresent(path -> {
            java.net.URI uri = java.net.URI.create(path);
            if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
                throw new WindrowException("the DuckDB reference reads local files only; bench input " + path
                        + " is on " + uri.getScheme());
            }
            local.put(table, uri.getScheme() == null ? path : java.nio.file.Path.of(uri).toString());
        }));
        return local;
    }
}

package io.windrow.sql.ddl;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.jdk.javaapi.CollectionConverters;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A parquet table of the Spark catalog ({@code db.name} in the session catalog), found by name and
 * read from its files: its location, or, partitioned by one date column, its partitions as the
 * catalog lists them (each at its own location) as {@link DatePartitions}. Reading the files the
 * catalog names, not the table, keeps the input order (files in path order) and the per-partition
 * schema check of a partitioned folder. Without spark-hive on the class path the session catalog is
 * Spark's in-memory one.
 */
public final class CatalogTables {
    private CatalogTables() {}

    /** A catalog table: its root location, and its date partitions when it is partitioned (else null). */
    public record Located(String location, DatePartitions partitions) {
        public Located {
            requireNonNull(location, "location");
        }
    }

    public static Located locate(SparkSession spark, String table, String name, String dateFormat) {
        requireNonNull(spark, "spark");
        requireNonNull(name, "name");
        SessionCatalog catalog = spark.sessionState().catalog();
        CatalogTable meta;
        try {
            TableIdentifier id = spark.sessionState().sqlParser().parseTableIdentifier(name);
            meta = catalog.getTableMetadata(id);
        } catch (Exception e) { // NoSuchTableException, ParseException are checked in Scala's eyes
            throw new TableInputException(table, name, "no such table in the Spark catalog ("
                    + e.getMessage().replaceAll("\\s*\\n\\s*", " ") + ")");
        }
        String provider = meta.provider().isDefined() ? meta.provider().get().toLowerCase(Locale.ROOT) : "hive";
        if (!provider.equals("parquet")) {
            throw new TableInputException(table, name, "catalog table stored as " + provider + "; only parquet tables are read");
        }
        String location = meta.location().toString();
        List<String> columns = CollectionConverters.asJava(meta.partitionColumnNames());
        if (columns.isEmpty()) {
            return new Located(location, null);
        }
        if (columns.size() != 1) {
            throw new TableInputException(table, name, "partitioned by " + columns + "; a date-partitioned table has one partition column");
        }
        String column = columns.get(0);
        DateTimeFormatter parser = DateTimeFormatter.ofPattern(dateFormat);
        List<DatePartitions.Partition> found = new ArrayList<>();
        for (CatalogTablePartition partition : CollectionConverters.asJava(catalog.listPartitions(meta.identifier(),
                scala.Option.empty()))) {
            String value = partition.spec().get(column).get();
            try {
                found.add(new DatePartitions.Partition(LocalDate.parse(value, parser), partition.location().toString()));
            } catch (DateTimeParseException e) {
                throw new TableInputException(table, partition.location().toString(), "partition " + column + "=" + value
                        + " is not a date in the format " + dateFormat);
            }
        }
        found.sort(Comparator.comparing(DatePartitions.Partition::date));
        return new Located(location, new DatePartitions(table, location, column, dateFormat, found));
    }
}

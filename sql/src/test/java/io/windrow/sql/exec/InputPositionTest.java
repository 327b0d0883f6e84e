package io.windrow.sql.exec;

import io.windrow.testing.TestSpark;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InputPosition}: a table read from files is in its canonical input order (files by path,
 * rows in file order) whatever Spark's split size, which follows {@code spark.sql.files.maxPartitionBytes}
 * and the core count. Spark packs splits into partitions largest first, so with the files below
 * (the first by path is the larger; the split size cuts it in two halves smaller than the second
 * file) Spark reads the second file between the halves of the first, or even first.
 *
 * <p>With fewer files than output partitions (one large file), rows are spread over the output
 * partitions by their index in the file instead.
 *
 * <p>Table t: ids 0..6999, k = id % 3, all at the same time, so {@code lag(id)} over a key is decided
 * by input position alone: id - 3. Table r: key "a" once in each file; LAST JOIN without ORDER BY
 * takes the one latest in input order, the one in the later path, although that file is read first
 * by size.
 */
class InputPositionTest {
    private static final String T = "CREATE TABLE t (id int, k string, tag string, ts timestamp);";
    private static final String R = "CREATE TABLE r (rk string, v int);";
    private static final String SQL = """
            SELECT id, lag(id, 1) OVER w AS prev, v FROM t
            LAST JOIN r ON t.tag = r.rk
            WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)""";
    private static final int FIRST_FILE_ROWS = 4000;
    private static final int ROWS = 7000;

    private static SparkSession spark;
    @TempDir
    static Path folder;

    @BeforeAll
    static void setUp() throws IOException {
        spark = TestSpark.spark();
        Dataset<Row> ids = spark.range(ROWS).selectExpr("cast(id as int) as id", "cast(id % 3 as string) as k",
                "'a' as tag", "timestamp_millis(1000) as ts");
        writeFile(ids.filter("id < " + FIRST_FILE_ROWS), "parquet", folder.resolve("t/part-1.parquet"));
        writeFile(ids.filter("id >= " + FIRST_FILE_ROWS), "parquet", folder.resolve("t/part-2.parquet"));
        writeFile(ids, "parquet", folder.resolve("single/part-1.parquet"));
        writeFile(ids.filter("id < " + FIRST_FILE_ROWS), "csv", folder.resolve("t-csv/part-1.csv"));
        writeFile(ids.filter("id >= " + FIRST_FILE_ROWS), "csv", folder.resolve("t-csv/part-2.csv"));
        // r: the first file holds ("a", 1) alone; the second ("a", 2) and filler rows that make it larger.
        writeFile(spark.sql("SELECT 'a' AS rk, 1 AS v"), "parquet", folder.resolve("r/part-1.parquet"));
        writeFile(spark.range(2000).selectExpr("if(id = 0, 'a', concat('x', id)) AS rk", "if(id = 0, 2, cast(id as int)) AS v"),
                "parquet", folder.resolve("r/part-2.parquet"));
    }

    @Test
    void parquetRowsFollowPathAndFileOrderForAnySplitSize() {
        assertCanonicalOrder("parquet", folder.resolve("t"));
    }

    @Test
    void csvRowsFollowPathAndFileOrderForAnySplitSize() {
        assertCanonicalOrder("csv", folder.resolve("t-csv"));
    }

    @Test
    void aSingleFileIsSpreadEvenlyOverTheOutputPartitions() {
        // One file, two output partitions (the default parallelism): rows go by row index, half each.
        Dataset<Row> table = load("parquet", folder.resolve("single"), T);
        Dataset<Row> positioned = table.withColumn(Columns.POSITION, InputPosition.of(table).column());
        Dataset<Row> restored = InputOrder.restore(positioned.repartition(3, rand(7)), table);
        List<Row> placed = restored.select(col("id"), spark_partition_id()).collectAsList();
        List<Row> expected = new ArrayList<>();
        for (int id = 0; id < ROWS; id++) {
            expected.add(RowFactory.create(id, id < ROWS / 2 ? 0 : 1));
        }
        assertThat(placed).isEqualTo(expected);
    }

    @Test
    void tablesNotReadFromFilesKeepSparkPartitionOrder() {
        Dataset<Row> table = spark.range(10).toDF("id");
        assertThat(InputPosition.of(table).files()).isEmpty();
        assertThat(InputPosition.of(load("parquet", folder.resolve("t"), T)).files()).hasValue(2);
    }

    private static void assertCanonicalOrder(String format, Path tableFolder) {
        Supplier<Dataset<Row>> run = () -> new FeatureEngine(spark).execute(SQL,
                Map.of("t", load(format, tableFolder, T), "r", load("parquet", folder.resolve("r"), R)));
        List<Row> expected = new ArrayList<>();
        for (int id = 0; id < ROWS; id++) {
            expected.add(RowFactory.create(id, id < 3 ? null : id - 3, 2));
        }
        assertThat(run.get().collectAsList()).as("one split per file").isEqualTo(expected);
        long firstFileBytes = size(tableFolder, "part-1");
        assertThat(size(tableFolder, "part-2")).as("the second file sorts between the halves of the first")
                .isGreaterThan(firstFileBytes / 2 + 1).isLessThan(firstFileBytes);
        withSplitBytes(firstFileBytes / 2 + 1, () -> assertThat(run.get().collectAsList())
                .as("%s split in halves", format).isEqualTo(expected));
    }

    private static Dataset<Row> load(String format, Path tableFolder, String ddl) {
        TableDefinition definition = DdlParser.parse(ddl).values().iterator().next();
        return TableLoader.load(spark, definition, tableFolder.toString(), format);
    }

    private static void withSplitBytes(long bytes, Runnable action) {
        String key = "spark.sql.files.maxPartitionBytes";
        String openCost = "spark.sql.files.openCostInBytes";
        String savedBytes = spark.conf().get(key);
        String savedCost = spark.conf().get(openCost);
        spark.conf().set(key, Long.toString(bytes));
        spark.conf().set(openCost, "0");
        try {
            action.run();
        } finally {
            spark.conf().set(key, savedBytes);
            spark.conf().set(openCost, savedCost);
        }
    }

    /** {@code rows} as the single file {@code target}, in small row groups so parquet splits within the file. */
    private static void writeFile(Dataset<Row> rows, String format, Path target) {
        Path staging = target.resolveSibling(target.getFileName() + ".staging");
        rows.coalesce(1).write().format(format).option("header", "true").option("parquet.block.size", "4096")
                .save(staging.toString());
        try (Stream<Path> files = Files.list(staging)) {
            Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
            Files.move(part, target);
            try (Stream<Path> rest = Files.list(staging)) {
                for (Path p : rest.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(staging);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path tableFolder, String prefix) {
        try (Stream<Path> files = Files.list(tableFolder)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.windrow.jobs.features;

import io.windrow.jobs.StageMain;
import io.windrow.jobs.output.StageOutput;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features stage over a date-partitioned table: a range run writes one atomic output per day
 * (features/dt=DAY) whose rows equal that day's rows of a full run; a day without input is an empty
 * partition; a rerun replaces its day only; a partition with another schema is exit 4 naming it.
 */
class FeaturesRangeTest {
    private static final String DDL = "CREATE TABLE req (id string, ts timestamp, user string, amount int);\n"
            + "CREATE TABLE profile (ts timestamp, user string, level int);\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        for (String set : extra) {
            args.add("--set");
            args.add(set);
        }
        return StageMain.run(new FeaturesStage(), args.toArray(new String[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path setUp() throws Exception {
        SparkSession spark = TestSpark.spark();
        TableDefinition req = DdlParser.parse(DDL).get("req");
        TableDefinition profile = DdlParser.parse(DDL).get("profile");
        Random random = new Random(3);
        for (int day = 0; day < 4; day++) {
            long base = LocalDate.of(2026, 2, 1).plusDays(day).toEpochDay() * 86_400_000L;
            List<Row> rows = new ArrayList<>();
            List<Row> levels = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                rows.add(RowFactory.create("r" + day + "_" + i, new Timestamp(base + random.nextInt(50) * 600_000L),
                        "u" + random.nextInt(4), random.nextInt(10)));
            }
            levels.add(RowFactory.create(new Timestamp(base), "u" + random.nextInt(4), day));
            spark.createDataFrame(rows, req.schema()).repartition(2).write().mode(SaveMode.Overwrite)
                    .parquet(dir.resolve("req/dt=2026-02-0" + (day + 1)).toString());
            spark.createDataFrame(levels, profile.schema()).write().mode(SaveMode.Overwrite)
                    .parquet(dir.resolve("profile/day=2026020" + (day + 1)).toString());
        }
        Files.writeString(dir.resolve("ddl.sql"), DDL);
        Files.writeString(dir.resolve("features.sql"), """
                SELECT req.id, req.ts, sum(amount) OVER w AS total, count(amount) OVER w2 AS recent, profile.level FROM req
                  LAST JOIN profile ON req.user = profile.user
                  WINDOW w AS (PARTITION BY req.user ORDER BY req.ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
                  w2 AS (PARTITION BY req.user ORDER BY req.ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW);
                """);
        Path config = dir.resolve("test.conf");
        Files.writeString(config, """
                windrow.work-dir = "%s"
                features {
                  ddl = "%s/ddl.sql"
                  sql = "%s/features.sql"
                  tables {
                    req { path = "%s/req", partition-column = dt }
                    profile { path = "%s/profile", partition-column = day, partition-format = yyyyMMdd }
                  }
                  output-files = 1
                }
                """.formatted(dir, dir, dir, dir, dir));
        return config;
    }

    /** A full run over the partitions of days 1 to {@code last}: the reference for a nightly run of day {@code last}. */
    private List<Row> fullRunUntil(Path config, int last) throws Exception {
        List<Path[]> moved = new ArrayList<>();
        for (int day = last + 1; day <= 4; day++) {
            for (Path partition : List.of(dir.resolve("req/dt=2026-02-0" + day), dir.resolve("profile/day=2026020" + day))) {
                Path aside = dir.resolve("aside-" + partition.getParent().getFileName() + day);
                Files.move(partition, aside);
                moved.add(new Path[] {partition, aside});
            }
        }
        try {
            Path output = dir.resolve("full" + last);
            assertThat(run(config, "features.output=" + output)).as(err.toString()).isZero();
            return TestSpark.spark().read().parquet(output.toString()).collectAsList();
        } finally {
            for (Path[] move : moved) {
                Files.move(move[1], move[0]);
            }
        }
    }

    private static List<String> rows(Path folder) {
        return TestSpark.spark().read().parquet(folder.toString()).collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void eachDayOfARangeIsItsDayOfAFullRun() throws Exception {
        Path config = setUp();
        List<Row> fullTo2 = fullRunUntil(config, 2);
        List<Row> fullTo3 = fullRunUntil(config, 3);
        assertThat(run(config, "features.range.start=2026-02-02", "features.range.end=2026-02-04")).as(err.toString()).isZero();
        for (String day : List.of("2026-02-02", "2026-02-03")) {
            Path partition = dir.resolve("features/dt=" + day);
            assertThat(partition.resolve(StageOutput.MARKER)).exists();
            Timestamp from = Timestamp.valueOf(day + " 00:00:00");
            Timestamp until = new Timestamp(from.getTime() + 86_400_000L);
            List<String> expected = (day.endsWith("2") ? fullTo2 : fullTo3).stream().filter(r -> !r.getTimestamp(1).before(from) && r.getTimestamp(1).before(until))
                    .map(Row::toString).toList();
            assertThat(expected).hasSize(12);
            assertThat(rows(partition)).as(day).containsExactlyElementsOf(expected);
        }
        long before = Files.getLastModifiedTime(dir.resolve("features/dt=2026-02-02/" + StageOutput.MARKER)).toMillis();

        // A rerun of one day replaces that day only.
        assertThat(run(config, "features.range.start=2026-02-03", "windrow.overwrite=true")).as(err.toString()).isZero();
        assertThat(Files.getLastModifiedTime(dir.resolve("features/dt=2026-02-02/" + StageOutput.MARKER)).toMillis())
                .isEqualTo(before);
        assertThat(dir.resolve("features/dt=2026-02-03/" + StageOutput.MARKER)).exists();

        // A day without main rows: an empty partition and a warning.
        assertThat(run(config, "features.range.start=2026-02-09")).as(err.toString()).isZero();
        assertThat(rows(dir.resolve("features/dt=2026-02-09"))).isEmpty();
    }

    @Test
    void aCatalogTableIsReadAsItsPartitionFolders() throws Exception {
        Path config = setUp();
        assertThat(run(config, "features.range.start=2026-02-03", "features.output=" + dir.resolve("by-folder")))
                .as(err.toString()).isZero();
        SparkSession spark = TestSpark.spark();
        spark.sql("CREATE DATABASE IF NOT EXISTS nightly_test");
        spark.sql("DROP TABLE IF EXISTS nightly_test.req");
        spark.sql("CREATE TABLE nightly_test.req (id string, ts timestamp, user string, amount int, dt string) USING parquet "
                + "PARTITIONED BY (dt) LOCATION '" + dir.resolve("req").toUri() + "'");
        spark.sql("ALTER TABLE nightly_test.req RECOVER PARTITIONS");
        Path catalogConfig = dir.resolve("catalog.conf");
        Files.writeString(catalogConfig, Files.readString(config).replace("req { path = \"" + dir + "/req\", partition-column = dt }",
                "req { table = \"nightly_test.req\" }"));
        assertThat(Files.readString(catalogConfig)).contains("nightly_test.req");
        assertThat(run(catalogConfig, "features.range.start=2026-02-03", "features.output=" + dir.resolve("by-catalog")))
                .as(err.toString()).isZero();
        assertThat(rows(dir.resolve("by-catalog/dt=2026-02-03")))
                .hasSize(12).containsExactlyElementsOf(rows(dir.resolve("by-folder/dt=2026-02-03")));
        assertThat(run(catalogConfig, "features.range.start=2026-02-03", "features.output=" + dir.resolve("missing"),
                "features.tables.req.table=nightly_test.nope")).isEqualTo(4);
        assertThat(err.toString()).contains("features.tables.req.table").contains("nightly_test.nope");
    }

    @Test
    void aPartitionWithAnotherSchemaIsExit4NamingIt() throws Exception {
        Path config = setUp();
        TestSpark.spark().range(2).selectExpr("cast(id as string) as id", "current_timestamp() as ts", "'u' as user",
                "cast(id as string) as amount").write().mode(SaveMode.Overwrite).parquet(dir.resolve("req/dt=2026-02-03").toString());
        assertThat(run(config, "features.range.start=2026-02-03")).isEqualTo(4);
        assertThat(err.toString()).contains("req/dt=2026-02-03").contains("column amount has type string in the files but int in the DDL");
    }
}

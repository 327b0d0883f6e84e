package io.windrow.sql.range;

import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ddl.DatePartitions;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.sql.parser.Parser;
import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's feature SQL (../shared/jd-sample/features.sql, unchanged) over 17 days of JD-shaped
 * date-partitioned tables: the range run of a day equals that day's rows of a full run, for the
 * first day (no older partitions) and for days whose 14-day windows leave older partitions out.
 */
class SeedSqlRangeRunTest {
    private static final LocalDate DAY0 = LocalDate.of(2026, 3, 1);
    private static final int DAYS = 17;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Map<String, TableDefinition> ddl;
    private static Select query;

    @BeforeAll
    static void data() throws Exception {
        spark = TestSpark.spark();
        Path jd = TestSpark.shared().resolve("jd-sample");
        ddl = DdlParser.parse(Files.readString(jd.resolve("create_tables.sql")));
        query = Parser.parseScript(Files.readString(jd.resolve("features.sql"))).query();
        Random random = new Random(20);
        for (int day = 0; day < DAYS; day++) {
            long base = DAY0.plusDays(day).toEpochDay() * 86_400_000L;
            List<Row> requests = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String user = day < 2 && i == 0 ? "u_old" : "u" + random.nextInt(6);
                String sku = "s" + random.nextInt(5);
                requests.add(RowFactory.create("r" + day + "_" + i, time(base, random), "m" + i, user + "_" + sku, user, sku,
                        (long) i, random.nextInt(3), "t"));
            }
            write("flattenRequest", day, requests);
            List<Row> actions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                actions.add(RowFactory.create(time(base, random), "u" + random.nextInt(6) + "_s" + random.nextInt(5),
                        (long) i, "m" + random.nextInt(4), "t" + random.nextInt(3), "c" + random.nextInt(3), "b" + random.nextInt(3)));
            }
            write("bo_action", day, actions);
            List<Row> comments = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                comments.add(RowFactory.create(time(base, random), (long) day, "s" + random.nextInt(5), random.nextInt(4),
                        "h" + random.nextInt(2), random.nextInt(8) / 8f));
            }
            write("bo_comment", day, comments);
            List<Row> users = new ArrayList<>();
            List<Row> products = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                users.add(RowFactory.create(time(base, random), day == 0 && i == 0 ? "u_old" : "u" + random.nextInt(6),
                        "a" + random.nextInt(5), "x" + random.nextInt(2), "l" + random.nextInt(4), (long) day));
                products.add(RowFactory.create(time(base, random), "s" + random.nextInt(5), "1", "2", "3", "c", "b" + day));
            }
            write("bo_user", day, users);
            write("bo_product", day, products);
        }
    }

    private static Timestamp time(long base, Random random) {
        return new Timestamp(base + random.nextInt(200) * 300_000L);
    }

    private static void write(String table, int day, List<Row> rows) {
        spark.createDataFrame(rows, ddl.get(table).schema()).repartition(2).write().mode(SaveMode.Overwrite)
                .parquet(dir.resolve(table).resolve("dt=" + DAY0.plusDays(day)).toString());
    }

    private static DatePartitions partitions(String table) {
        return DatePartitions.list(spark.sparkContext().hadoopConfiguration(), table, dir.resolve(table).toString(), "dt",
                "yyyy-MM-dd");
    }

    @Test
    void eachDayEqualsItsRowsOfAFullRun() {
        FeatureEngine engine = new FeatureEngine(spark);
        Map<String, Dataset<Row>> schemas = new LinkedHashMap<>();
        ddl.values().forEach(d -> schemas.put(d.name(), TableLoader.empty(spark, d)));
        HistoryRule.History history = HistoryRule.derive(engine.plan(query, schemas));
        assertEquals(14 * 86_400_000L, history.need("flattenRequest").spanMillis());
        assertEquals(14 * 86_400_000L, history.need("bo_action").spanMillis());
        assertEquals(64 * 86_400_000L, history.need("bo_comment").spanMillis());
        // out1, out2, out3 all join on reqId: one check that no older request shares a range reqId
        assertEquals(List.of(new HistoryRule.JoinCheck("flattenRequest", List.of("reqId"), List.of("reqId"))), history.checks());
        for (int day : new int[] {0, 15, 16}) {
            LocalDate end = DAY0.plusDays(day + 1);
            Map<String, Dataset<Row>> whole = new LinkedHashMap<>();
            Map<String, RangeInputs.Input> inputs = new LinkedHashMap<>();
            for (TableDefinition definition : ddl.values()) {
                if (definition.name().equals("action")) {
                    whole.put("action", TableLoader.empty(spark, definition));
                    inputs.put("action", new RangeInputs.Whole(TableLoader.empty(spark, definition)));
                } else {
                    DatePartitions listed = partitions(definition.name());
                    whole.put(definition.name(), TableLoader.partitions(spark, definition, listed.between(null, end), null, null));
                    inputs.put(definition.name(), new RangeInputs.Partitioned(definition, listed));
                }
            }
            Timestamp from = new Timestamp(DAY0.plusDays(day).toEpochDay() * 86_400_000L);
            Timestamp until = new Timestamp(end.toEpochDay() * 86_400_000L);
            String time = "flattenRequest_eventTime_original_0";
            List<String> expected = engine.run(query, whole).output().filter(col(time).geq(from).and(col(time).lt(until)))
                    .collectAsList().stream().map(Row::toString).toList();
            RangeInputs.Prepared prepared = RangeInputs.prepare(spark, history, inputs, DAY0.plusDays(day), end);
            List<String> actual = engine.run(query, prepared.tables(), prepared.minPosition()).output()
                    .collectAsList().stream().map(Row::toString).toList();
            assertEquals(25, expected.size());
            assertEquals(expected, actual, "day " + day);
            if (day == 16) {
                RangeInputs.Read requests = prepared.reads().stream().filter(r -> r.table().equals("flattenRequest"))
                        .findFirst().orElseThrow();
                assertEquals(15, requests.wholePartitions());
                assertEquals(2, requests.reducedPartitions());
                assertTrue(requests.rule().contains("latest 10 per user_id"), requests.rule());
            }
        }
        assertFalse(history.needs().isEmpty());
    }
}

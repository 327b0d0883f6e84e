package io.windrow.sql.range;

import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ddl.DatePartitions;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableInputException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The range run's promise: for each day D, its output is the rows of D, in order and value for
 * value, of a full run over all partitions up to D. Synthetic date-partitioned tables with time ties,
 * keys seen only in old partitions, several files per partition; SQLs with ROWS, ROWS_RANGE,
 * MAXSIZE, UNION windows and LAST JOINs with and without ORDER BY, and the seed's SQL on JD-shaped
 * tables.
 */
class RangeRunTest {
    private static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);
    private static final String DDL = """
            CREATE TABLE req(reqId string, eventTime timestamp, user_id string, sku_id string, price double);
            CREATE TABLE comment(ingestionTime timestamp, sku_id string, rate float);
            CREATE TABLE users(ingestionTime timestamp, user_id string, age string);
            """;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Map<String, TableDefinition> ddl;

    @BeforeAll
    static void data() {
        spark = TestSpark.spark();
        ddl = DdlParser.parse(DDL);
        for (int day = 0; day < 6; day++) {
            writeDay(day, 7);
        }
    }

    private static void writeDay(int day, long seed) {
        Random random = new Random(seed * 1000 + day);
        long base = DAY0.plusDays(day).toEpochDay() * 86_400_000L;
        List<Row> req = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String user = "u" + random.nextInt(6);
            if (day <= 1 && i < 3) {
                user = "u_old"; // only in old partitions
            }
            if ((day == 0 || day == 5) && i == 4) {
                user = "u_rare";
            }
            String sku = day == 5 && i == 5 ? "s_rare" : "s" + random.nextInt(5);
            req.add(RowFactory.create("r" + seed + "_" + day + "_" + i, new Timestamp(base + random.nextInt(300) * 60_000L),
                    user, sku, random.nextInt(100) / 4.0));
        }
        List<Row> comment = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String sku = day == 0 && i == 0 ? "s_rare" : "s" + random.nextInt(5);
            comment.add(RowFactory.create(new Timestamp(base + random.nextInt(300) * 60_000L), sku, random.nextInt(10) / 8f));
        }
        List<Row> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String user = day == 0 && i == 0 ? "u_rare" : "u" + random.nextInt(6);
            users.add(RowFactory.create(new Timestamp(base + random.nextInt(300) * 60_000L), user, "a" + random.nextInt(9)));
        }
        write("req", day, req);
        write("comment", day, comment);
        write("users", day, users);
    }

    private static void write(String table, int day, List<Row> rows) {
        spark.createDataFrame(rows, ddl.get(table).schema()).repartition(2).write().mode(SaveMode.Overwrite)
                .parquet(dir.resolve(table).resolve("dt=" + DAY0.plusDays(day)).toString());
    }

    private static DatePartitions partitions(String table) {
        return DatePartitions.list(spark.sparkContext().hadoopConfiguration(), table, dir.resolve(table).toString(), "dt",
                "yyyy-MM-dd");
    }

    /** A full run over the partitions before {@code day + 1}, cut to the rows whose {@code time} is on {@code day}. */
    private static List<String> full(String sql, int day, String time) {
        LocalDate end = DAY0.plusDays(day + 1);
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (TableDefinition definition : ddl.values()) {
            tables.put(definition.name(), TableLoader.partitions(spark, definition,
                    partitions(definition.name()).between(null, end), null, null));
        }
        Dataset<Row> out = new FeatureEngine(spark).run(Parser.parseQuery(sql), tables).output();
        Timestamp from = new Timestamp(DAY0.plusDays(day).toEpochDay() * 86_400_000L);
        Timestamp until = new Timestamp(end.toEpochDay() * 86_400_000L);
        return strings(out.filter(col(time).geq(from).and(col(time).lt(until))));
    }

    private static List<String> range(String sql, int day) {
        return strings(rangeRun(sql, day).output());
    }

    private static FeatureEngine.Execution rangeRun(String sql, int day) {
        Select query = Parser.parseQuery(sql);
        FeatureEngine engine = new FeatureEngine(spark);
        Map<String, Dataset<Row>> schemas = new LinkedHashMap<>();
        Map<String, RangeInputs.Input> inputs = new LinkedHashMap<>();
        for (TableDefinition definition : ddl.values()) {
            schemas.put(definition.name(), TableLoader.empty(spark, definition));
            inputs.put(definition.name(), new RangeInputs.Partitioned(definition, partitions(definition.name())));
        }
        HistoryRule.History history = HistoryRule.derive(engine.plan(query, schemas));
        RangeInputs.Prepared prepared = RangeInputs.prepare(spark, history, inputs, DAY0.plusDays(day),
                DAY0.plusDays(day + 1));
        return engine.run(query, prepared.tables(), prepared.minPosition());
    }

    private static List<String> strings(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).toList();
    }

    private static void assertExact(String sql, int... days) {
        for (int day : days) {
            List<String> expected = full(sql, day, "eventTime");
            assertFalse(expected.isEmpty());
            assertEquals(expected, range(sql, day), "day " + day + " of " + sql);
        }
    }

    @Test
    void rowsFramesSeeTheLatestRowsOfOldPartitions() {
        String sql = "select reqId, eventTime, count(sku_id) over w as c, distinct_count(sku_id) over w as dc, "
                + "max(price) over w as mx, sum(price) over w as s from req "
                + "window w as (partition by user_id order by eventTime rows between 3 preceding and 0 preceding);";
        HistoryRule.History history = HistoryRule.derive(new FeatureEngine(spark).plan(Parser.parseQuery(sql),
                Map.of("req", TableLoader.empty(spark, ddl.get("req")))));
        assertEquals(List.of(new HistoryRule.KeyedRows(List.of("user_id"), "eventTime", 3)), history.need("req").keyed());
        assertEquals(0, history.need("req").spanMillis());
        assertExact(sql, 0, 2, 5);
    }

    @Test
    void rowsRangeWithMaxsizeReadsItsSpan() {
        String sql = "select reqId, eventTime, count(sku_id) over w as c, max(price) over w2 as mx, min(price) over w2 as mn "
                + "from req window w as (partition by user_id order by eventTime rows_range between 2d preceding and 0s preceding MAXSIZE 4),"
                + " w2 as (partition by sku_id order by eventTime rows_range between 1d preceding and 0s preceding);";
        assertExact(sql, 0, 3, 5);
    }

    @Test
    void unionWindowsSeeOldRowsOfTheUnionTable() {
        String sql = "select reqId, eventTime, max(rate) over w as mx, count(rate) over w as c, min(rate) over w2 as mn from "
                + "(select eventTime as ingestionTime, sku_id, float(0) as rate, reqId, eventTime from req) "
                + "window w as (UNION (select ingestionTime, sku_id, rate, '' as reqId, ingestionTime as eventTime from comment) "
                + "partition by sku_id order by ingestionTime rows between 3 preceding and 0 preceding INSTANCE_NOT_IN_WINDOW), "
                + "w2 as (UNION (select ingestionTime, sku_id, rate, '' as reqId, ingestionTime as eventTime from comment) "
                + "partition by sku_id order by ingestionTime rows_range between 1d preceding and 0s preceding MAXSIZE 3);";
        assertExact(sql, 0, 3, 5);
    }

    @Test
    void lastJoinsPickTheWinnerAmongOldRows() {
        assertExact("select req.reqId, req.eventTime, users.age, users.ingestionTime from req "
                + "last join users on req.user_id = users.user_id;", 0, 5);
        assertExact("select req.reqId, req.eventTime, users.age from req "
                + "last join users order by users.ingestionTime on req.user_id = users.user_id;", 0, 5);
    }

    @Test
    void aDayRerunAfterItsInputChangedIsExactAgain() {
        String sql = "select reqId, eventTime, count(sku_id) over w as c, users.age from req "
                + "last join users on req.user_id = users.user_id "
                + "window w as (partition by req.user_id order by req.eventTime rows between 2 preceding and 0 preceding);";
        List<String> before = range(sql, 4);
        writeDay(4, 99);
        try {
            List<String> after = range(sql, 4);
            assertEquals(full(sql, 4, "eventTime"), after);
            assertFalse(before.equals(after));
        } finally {
            writeDay(4, 7);
        }
    }

    @Test
    void aDayWithoutMainRowsIsEmpty() {
        String sql = "select reqId, eventTime, count(sku_id) over w as c from req "
                + "window w as (partition by user_id order by eventTime rows between 2 preceding and 0 preceding);";
        assertTrue(strings(rangeRun(sql, 9).output()).isEmpty());
    }

    @Test
    void aFilterUnderAWindowIsRefused() {
        String sql = "select reqId, count(sku_id) over w as c from (select * from req where price > 1) "
                + "window w as (partition by user_id order by eventTime rows between 2 preceding and 0 preceding);";
        assertThrows(UnsupportedRangeException.class, () -> rangeRun(sql, 5));
    }

    @Test
    void aPartitionWithAnotherSchemaIsNamed() throws Exception {
        Path bad = dir.resolve("bad");
        spark.range(3).selectExpr("cast(id as string) as reqId").write().parquet(bad.resolve("dt=2026-01-02").toString());
        spark.createDataFrame(List.of(), ddl.get("req").schema()).write().parquet(bad.resolve("dt=2026-01-01").toString());
        DatePartitions listed = DatePartitions.list(spark.sparkContext().hadoopConfiguration(), "req", bad.toString(), "dt",
                "yyyy-MM-dd");
        TableInputException e = assertThrows(TableInputException.class,
                () -> TableLoader.partitions(spark, ddl.get("req"), listed.partitions(), null, null));
        assertTrue(e.getMessage().contains("dt=2026-01-02"), e.getMessage());
        assertTrue(e.getMessage().contains("eventTime"), e.getMessage());
        Files.createDirectories(bad.resolve("2026-01-03"));
        TableInputException misnamed = assertThrows(TableInputException.class, () -> DatePartitions.list(
                spark.sparkContext().hadoopConfiguration(), "req", bad.toString(), "dt", "yyyy-MM-dd"));
        assertTrue(misnamed.getMessage().contains("'2026-01-03' is not a dt=yyyy-MM-dd partition folder"), misnamed.getMessage());
    }
}

package io.windrow.jobs.generate;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.windrow.jobs.generate.GeneratorSettings.DAY_MS;
import static java.util.Objects.requireNonNull;

/**
 * Writes the synthetic JD tables with Spark. Every table is a {@code spark.range} of entity indices
 * (requests, users, skus, hot-pair rows) mapped row by row through the pure functions of
 * {@link Request} and {@link Population}, so tasks generate in parallel, nothing is collected to
 * the driver, and the rows are the same for any partition count. Timestamps are written as parquet
 * INT64 microseconds (instants, like the sample's values).
 */
public final class JdGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(JdGenerator.class);
    /** bo_product's ingestionTime in the sample: one load instant for every row. */
    static final long PRODUCT_LOAD_MILLIS = 1_603_438_960_564L; // 2020-10-23 07:42:40.564 UTC

    private final SparkSession spark;
    private final GeneratorSettings settings;

    public JdGenerator(SparkSession spark, GeneratorSettings settings) {
        this.spark = requireNonNull(spark, "spark");
        this.settings = requireNonNull(settings, "settings");
    }

    /** The table as a Dataset with exactly the DDL schema (lazy: nothing runs until it is written). */
    public Dataset<Row> table(String table) {
        GeneratorSettings s = settings;
        int parallelism = spark.sparkContext().defaultParallelism();
        Dataset<Row> raw = switch (table) {
            case JdTables.FLATTEN_REQUEST -> requests(parallelism).map(
                    (MapFunction<Long, Row>) i -> flattenRequestRow(s, Request.of(s, i)), encoder(table));
            case JdTables.ACTION -> requests(parallelism).map(
                    (MapFunction<Long, Row>) i -> actionRow(s, Request.of(s, i)), encoder(table));
            case JdTables.TRUTH -> requests(parallelism).map(
                    (MapFunction<Long, Row>) i -> truthRow(s, Request.of(s, i)), encoder(table));
            case JdTables.BO_ACTION -> requests(parallelism).flatMap(
                    (FlatMapFunction<Long, Row>) i -> requestActionRows(s, Request.of(s, i)), encoder(table))
                    .union(range(hotPairActions(s), parallelism).map(
                            (MapFunction<Long, Row>) j -> hotPairActionRow(s, j), encoder(table)));
            case JdTables.BO_USER -> range(s.users(), parallelism).map(
                    (MapFunction<Long, Row>) u -> userRow(Population.user(s, u)), encoder(table));
            case JdTables.BO_PRODUCT -> range(s.skus(), parallelism).flatMap(
                    (FlatMapFunction<Long, Row>) k -> productRows(Population.sku(s, k)), encoder(table));
            case JdTables.BO_COMMENT -> range(s.skus(), parallelism).flatMap(
                    (FlatMapFunction<Long, Row>) k -> commentRows(s, k), encoder(table));
            default -> throw new IllegalArgumentException("unknown JD table '" + table + "'");
        };
        return withTimestamps(raw, JdTables.schema(table));
    }

    /**
     * Writes every table (the six JD tables and {@code truth}) as parquet under {@code folder}/TABLE
     * and returns the rows written per table, read back from the parquet footers.
     */
    public Map<String, Long> writeAll(String folder) {
        List<String> tables = new ArrayList<>(JdTables.NAMES);
        tables.add(JdTables.TRUTH);
        String previous = spark.conf().get("spark.sql.parquet.outputTimestampType", "INT96");
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        try {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                String path = folder + "/" + table;
                long start = System.nanoTime();
                table(table).write().parquet(path);
                rows.put(table, spark.read().parquet(path).count());
                LOG.info("generate: {} rows of {} in {} s", rows.get(table), table,
                        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            }
            return rows;
        } finally {
            spark.conf().set("spark.sql.parquet.outputTimestampType", previous);
        }
    }

    /** Rows of the hot pair beyond its requests' own: a fixed share of all bo_action rows. */
    static long hotPairActions(GeneratorSettings s) {
        double share = s.hotPairShare();
        return Math.round(share / (1 - share) * s.requests() * Request.EXPECTED_ACTIONS);
    }

    private Dataset<Long> requests(int parallelism) {
        return spark.range(0, settings.requests(), 1, settings.requestPartitions(parallelism));
    }

    private Dataset<Long> range(long count, int parallelism) {
        return spark.range(0, count, 1, settings.partitionsFor(count, parallelism));
    }

    static Row flattenRequestRow(GeneratorSettings s, Request r) {
        return RowFactory.create(r.reqId(s), r.timeMillis, r.mainId(), r.pair.pairId(), r.pair.userId(),
                r.pair.skuId(), r.timeMillis, r.splitId(s), r.time1(s));
    }

    /** The label arrives with the request: eventTime = ingestionTime = the request's instant. */
    static Row actionRow(GeneratorSettings s, Request r) {
        return RowFactory.create(r.reqId(s), r.timeMillis, r.timeMillis, r.label);
    }

    static Row truthRow(GeneratorSettings s, Request r) {
        return RowFactory.create(r.reqId(s), r.probability);
    }

    static Iterator<Row> requestActionRows(GeneratorSettings s, Request r) {
        String pairId = r.pair.pairId();
        List<Row> rows = new ArrayList<>();
        for (Request.ActionRow a : r.actions(s)) {
            rows.add(RowFactory.create(a.timeMillis(), pairId, a.timeMillis(), a.modelId(), a.type(), r.sku.cate(), r.sku.br()));
        }
        return rows.iterator();
    }

    /**
     * Background browsing of the hot pair, spread evenly over the whole history in bursts of three
     * rows sharing one instant, so its windows overflow MAXSIZE and its partition is skewed.
     */
    static Row hotPairActionRow(GeneratorSettings s, long j) {
        Population.Pair hot = Population.pair(s, 0);
        Population.Sku sku = Population.sku(s, hot.skuRank());
        long start = Request.historyStartMillis(s);
        long at = start + Randoms.of(s.seed(), Randoms.HOT_ACTION, j / 3).nextLong(s.endMillis() - start) / 1000 * 1000;
        Request.ActionRow a = Request.browse(Randoms.of(s.seed(), Randoms.HOT_ACTION_ROW, j), at);
        return RowFactory.create(a.timeMillis(), hot.pairId(), a.timeMillis(), a.modelId(), a.type(), sku.cate(), sku.br());
    }

    static Row userRow(Population.User u) {
        return RowFactory.create(u.registeredMillis(), u.userId(), u.age(), u.sex(), Integer.toString(u.level()),
                u.registeredMillis());
    }

    static Iterator<Row> productRows(Population.Sku k) {
        if (!k.cate().equals(Population.PRODUCT_TABLE_CATE)) {
            return java.util.Collections.emptyIterator();
        }
        return List.of(RowFactory.create(PRODUCT_LOAD_MILLIS, k.skuId(), k.a1(), k.a2(), k.a3(), k.cate(), k.br()))
                .iterator();
    }

    /**
     * One bo_comment row per week of the span (at UTC+8 midnight of each week's first day) for skus
     * with comments; the rate wanders a little around the sku's own rate, rounded to 4 decimals.
     */
    static Iterator<Row> commentRows(GeneratorSettings s, long rank) {
        Population.Sku k = Population.sku(s, rank);
        if (!k.hasComments()) {
            return java.util.Collections.emptyIterator();
        }
        SplittableRandom random = Randoms.of(s.seed(), Randoms.SKU, ~rank);
        List<Row> rows = new ArrayList<>();
        for (int week = 0; week < s.days() / 7; week++) {
            long at = s.startMillis() + week * 7 * DAY_MS;
            double rate = k.badCommentRate() == 0 ? 0
                    : Math.min(1.0, Math.round(k.badCommentRate() * Math.exp(0.05 * random.nextGaussian()) * 1e4) / 1e4);
            rows.add(RowFactory.create(at, at, k.skuId(), k.commentNum(), rate > 0 ? "1" : "0", (float) rate));
        }
        return rows.iterator();
    }

    /** The table's schema with timestamps as epoch milliseconds, converted once in SQL. */
    private static org.apache.spark.sql.Encoder<Row> encoder(String table) {
        StructType schema = JdTables.schema(table);
        StructType raw = new StructType();
        for (StructField field : schema.fields()) {
            raw = raw.add(field.name(), field.dataType() == DataTypes.TimestampType ? DataTypes.LongType : field.dataType(), false);
        }
        return Encoders.row(raw);
    }

    private static Dataset<Row> withTimestamps(Dataset<Row> raw, StructType schema) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Column column = raw.col(field.name());
            if (field.dataType() == DataTypes.TimestampType) {
                column = functions.timestamp_millis(column);
            }
            columns.add(column.alias(field.name()));
        }
        return raw.select(columns.toArray(Column[]::new));
    }
}

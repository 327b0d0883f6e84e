package io.windrow.jobs.generate;

import io.windrow.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The generated tables through Spark: schema equal to the JD DDL, determinism across partition
 * counts, proportional scale, and the planted signal measured from the tables themselves.
 */
class JdGeneratorTest {
    static final GeneratorSettings SETTINGS = GeneratorSpark.defaults().withRequests(5_000).withPartitions(2);

    @TempDir
    static Path dir;
    static SparkSession spark;
    static String base;
    static Map<String, Long> rows;

    @BeforeAll
    static void generate() {
        spark = TestSpark.spark();
        base = dir.resolve("base").toString();
        rows = new JdGenerator(spark, SETTINGS).writeAll(base);
    }

    static Dataset<Row> read(String folder, String table) {
        return spark.read().parquet(folder + "/" + table);
    }

    @Test
    void schemasEqualTheJdDdl() throws IOException {
        Map<String, StructType> ddl = parseDdl(Path.of(System.getProperty("windrow.shared"), "jd-sample", "create_tables.sql"));
        assertThat(ddl.keySet()).containsExactlyElementsOf(JdTables.NAMES);
        for (String table : JdTables.NAMES) {
            assertThat(names(read(base, table).schema())).as(table).isEqualTo(names(ddl.get(table)));
            assertThat(types(read(base, table).schema())).as(table).isEqualTo(types(ddl.get(table)));
            assertThat(types(JdTables.schema(table))).as(table).isEqualTo(types(ddl.get(table)));
        }
    }

    @Test
    void sameRowsForAnyPartitionCount() {
        // The written tables (2 partitions) against the same tables generated with 5 partitions,
        // compared as multisets by row count and two order-independent sums of row hashes.
        JdGenerator fivePartitions = new JdGenerator(spark, SETTINGS.withPartitions(5));
        for (String table : List.of(JdTables.FLATTEN_REQUEST, JdTables.ACTION, JdTables.BO_ACTION, JdTables.BO_USER,
                JdTables.BO_PRODUCT, JdTables.BO_COMMENT, JdTables.TRUTH)) {
            Dataset<Row> regenerated = fivePartitions.table(table);
            assertThat(fingerprint(regenerated)).as(table).isEqualTo(fingerprint(read(base, table)));
        }
        assertThat(fivePartitions.table(JdTables.FLATTEN_REQUEST).rdd().getNumPartitions()).isEqualTo(5);
        assertThat(new JdGenerator(spark, SETTINGS).table(JdTables.FLATTEN_REQUEST).rdd().getNumPartitions()).isEqualTo(2);
    }

    /** (count, sum of xxhash64, sum of murmur3 hash) over whole rows: equal for equal multisets of rows. */
    private static List<Object> fingerprint(Dataset<Row> table) {
        Row r = table.agg(expr("count(*)"), expr("sum(cast(xxhash64(*) as decimal(38, 0)))"),
                expr("sum(cast(hash(*) as bigint))")).first();
        return List.of(r.get(0), r.get(1), r.get(2));
    }

    @Test
    void rowCountsScaleWithRequests() {
        GeneratorSettings doubled = SETTINGS.withRequests(10_000);
        JdGenerator generator = new JdGenerator(spark, doubled);
        assertThat(rows.get(JdTables.FLATTEN_REQUEST)).isEqualTo(5_000);
        assertThat(rows.get(JdTables.ACTION)).isEqualTo(5_000);
        assertThat(rows.get(JdTables.TRUTH)).isEqualTo(5_000);
        assertThat(rows.get(JdTables.BO_USER)).isEqualTo(SETTINGS.users());
        assertThat(generator.table(JdTables.FLATTEN_REQUEST).count()).isEqualTo(10_000);
        assertThat(generator.table(JdTables.BO_USER).count()).isEqualTo(doubled.users());
        for (String table : List.of(JdTables.BO_ACTION, JdTables.BO_PRODUCT, JdTables.BO_COMMENT)) {
            double ratio = generator.table(table).count() / (double) rows.get(table);
            assertThat(ratio).as(table).isCloseTo(2.0, within(0.15));
        }
        // About six bo_action rows per request, like the sample's 89187 / 13916.
        assertThat(rows.get(JdTables.BO_ACTION) / 5_000.0).isBetween(5.0, 7.5);
    }

    @Test
    void looksLikeTheSample() {
        Dataset<Row> requests = read(base, JdTables.FLATTEN_REQUEST);
        assertThat(requests.filter("pair_id <> concat(user_id, '_', sku_id)").count()).isZero();
        assertThat(requests.filter("reqId <> concat(pair_id, '_', time1)").count()).isZero();
        assertThat(requests.filter("time <> unix_millis(eventTime)").count()).isZero();
        assertThat(requests.filter("time1 <> date_format(from_utc_timestamp(eventTime, 'Asia/Shanghai'), 'yyyy-MM-dd HH:mm:ss')")
                .count()).isZero();
        assertThat(requests.select("reqId").distinct().count()).isEqualTo(5_000);
        assertThat(requests.select("main_id").distinct().count()).isEqualTo(5_000);
        Row span = requests.agg(expr("min(time)"), expr("max(time)"), expr("count(distinct split_id)")).first();
        assertThat(span.getLong(0)).isGreaterThanOrEqualTo(SETTINGS.startMillis());
        assertThat(span.getLong(1) - span.getLong(0)).isGreaterThan(74L * 86_400_000L);

        Dataset<Row> actions = read(base, JdTables.BO_ACTION);
        assertThat(actions.filter("time <> unix_millis(ingestionTime)").count()).isZero();
        assertThat(actions.filter("model_id = ''").count()).isGreaterThan(0); // empty strings as in the sample
        assertThat(actions.filter("type <> '6' and model_id <> ''").count()).isZero();
        // Rows with equal timestamps within a pair, and rows at exactly the request instant.
        long total = actions.count();
        assertThat(total - actions.select("pair_id", "time").distinct().count()).isGreaterThan(total / 5);
        assertThat(actions.join(requests.select(col("pair_id").alias("rp"), col("time").alias("rt")),
                expr("pair_id = rp and time = rt")).count()).isGreaterThan(5_000);
        // One hot pair with about 5% of bo_action rows.
        Row top = actions.groupBy("pair_id").count().orderBy(col("count").desc()).first();
        assertThat(top.getLong(1) / (double) total).isBetween(0.04, 0.08);
        // Every bo_action pair is a requested pair (as in the sample), and bo_user covers every requested user.
        assertThat(actions.select("pair_id").distinct().except(requests.select("pair_id")).count()).isZero();
        assertThat(requests.select("user_id").distinct().except(read(base, JdTables.BO_USER).select("user_id")).count()).isZero();
        // bo_product holds only cate-8 skus; bo_comment has weekly rows per sku.
        assertThat(read(base, JdTables.BO_PRODUCT).filter("cate <> '8'").count()).isZero();
        assertThat(read(base, JdTables.BO_COMMENT).groupBy("sku_id").count().filter("count <> 10").count()).isZero();
    }

    @Test
    void plantedSignalIsRecoverableFromTheTables() {
        Dataset<Row> labels = read(base, JdTables.ACTION);
        Dataset<Row> truth = read(base, JdTables.TRUTH);
        Row rate = labels.agg(expr("avg(actionValue)")).first();
        assertThat(rate.getDouble(0)).isBetween(0.02, 0.05);

        // Bayes AUC of the true probabilities, computed by Spark ranking (independent of the Java test's AUC).
        Dataset<Row> scored = labels.join(truth, "reqId");
        assertThat(scored.count()).isEqualTo(5_000);
        double auc = auc(scored);
        assertThat(auc).isGreaterThan(0.72);

        // A feature the seed SQL measures: add-to-cart (type 2) of the pair in the 7 days up to the request.
        Dataset<Row> requests = read(base, JdTables.FLATTEN_REQUEST).select("reqId", "pair_id", "time");
        Dataset<Row> carts = read(base, JdTables.BO_ACTION).filter("type = '2'").select(col("pair_id").alias("p"), col("time").alias("t"));
        Dataset<Row> withCart = requests.join(carts, requests.col("pair_id").equalTo(carts.col("p"))
                        .and(carts.col("t").leq(requests.col("time")))
                        .and(carts.col("t").geq(requests.col("time").minus(7L * 86_400_000L))), "left")
                .groupBy("reqId").agg(expr("max(case when p is null then 0 else 1 end) as cart"))
                .join(labels, "reqId");
        List<Row> byCart = withCart.groupBy("cart").agg(expr("avg(actionValue)"), expr("count(*)")).orderBy("cart").collectAsList();
        assertThat(byCart).hasSize(2);
        double without = byCart.get(0).getDouble(1);
        double with = byCart.get(1).getDouble(1);
        assertThat(with).isGreaterThan(2 * without);
    }

    private static double auc(Dataset<Row> scored) {
        Row r = scored.withColumn("rank", expr("rank() over (order by probability)"))
                .withColumn("rank", expr("avg(rank) over (partition by probability)")) // ties get their average rank
                .agg(expr("sum(case when actionValue = 1 then rank else 0 end)"), expr("sum(actionValue)"), expr("count(*)"))
                .first();
        double positives = r.getLong(1);
        double negatives = r.getLong(2) - positives;
        return (r.getDouble(0) - positives * (positives + 1) / 2) / (positives * negatives);
    }

    private static List<String> names(StructType schema) {
        return List.of(schema.fieldNames());
    }

    private static List<DataType> types(StructType schema) {
        return java.util.Arrays.stream(schema.fields()).map(StructField::dataType).toList();
    }

    /** A small parse of create_tables.sql: {@code CREATE TABLE name(col type, ...);} per statement. */
    static Map<String, StructType> parseDdl(Path file) throws IOException {
        Map<String, StructType> tables = new LinkedHashMap<>();
        Matcher statement = Pattern.compile("CREATE TABLE (\\w+)\\((.*?)\\);", Pattern.CASE_INSENSITIVE)
                .matcher(Files.readString(file));
        while (statement.find()) {
            StructType schema = new StructType();
            for (String column : statement.group(2).split(",")) {
                String[] parts = column.trim().split("\\s+");
                schema = schema.add(parts[0], switch (parts[1].toLowerCase()) {
                    case "string" -> DataTypes.StringType;
                    case "timestamp" -> DataTypes.TimestampType;
                    case "bigint" -> DataTypes.LongType;
                    case "int" -> DataTypes.IntegerType;
                    case "float" -> DataTypes.FloatType;
                    default -> throw new IllegalArgumentException(file + ": unknown type " + parts[1]);
                });
            }
            tables.put(statement.group(1), schema);
        }
        return tables;
    }
}

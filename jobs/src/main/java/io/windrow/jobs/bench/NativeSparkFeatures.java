package io.windrow.jobs.bench;

import io.windrow.jobs.bench.FrameAggregator.Frame;
import io.windrow.sql.exec.InputPosition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * The benchmark's baseline: the seed's 42 JD features (shared/jd-sample/features.sql) written as a
 * Spark user would without Windrow: DataFrame windows with {@code rowsBetween}, {@code row_number()}
 * for LAST JOIN, and the OpenMLDB functions Spark lacks as the baseline's own
 * {@link FrameAggregator}s. MAXSIZE is emulated faithfully (at most the newest m rows of the range
 * frame), as are INSTANCE_NOT_IN_WINDOW union windows (the current row plus union rows only).
 *
 * <p>Tie rule, as Windrow's engine documents it: at equal order time union rows are older than
 * main rows, and within a table the row earlier in input order (files by path, rows in file
 * order: {@link InputPosition}) is older; LAST JOIN without ORDER BY takes the right row latest in
 * input order. Rows with a NULL or negative order time produce no
 * output row (OpenMLDB's offline rule).
 */
public final class NativeSparkFeatures {
    private static final String POS = "__pos";
    private static final String MS = "__ms";
    private static final String MAIN = "__main";
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long UTC8 = 8 * HOUR;

    /** The output columns, in the order of the seed's {@code select *}. */
    public static final List<String> COLUMNS = List.of(
            "reqId_1", "flattenRequest_eventTime_original_0", "flattenRequest_reqId_original_1",
            "flattenRequest_pair_id_original_24", "flattenRequest_sku_id_original_25",
            "flattenRequest_user_id_original_26", "flattenRequest_pair_id_window_unique_count_27",
            "flattenRequest_pair_id_window_top1_ratio_28", "flattenRequest_pair_id_window_top1_ratio_29",
            "flattenRequest_pair_id_window_unique_count_32", "flattenRequest_pair_id_window_count_35",
            "flattenRequest_eventTime_dayofweek_41", "flattenRequest_eventTime_isweekday_43",
            "reqId_3", "action_actionValue_multi_direct_2", "bo_product_a1_multi_direct_3",
            "bo_product_a2_multi_direct_4", "bo_product_a3_multi_direct_5", "bo_product_br_multi_direct_6",
            "bo_product_cate_multi_direct_7", "bo_product_ingestionTime_multi_direct_8", "bo_user_age_multi_direct_9",
            "bo_user_ingestionTime_multi_direct_10", "bo_user_sex_multi_direct_11", "bo_user_user_lv_cd_multi_direct_12",
            "reqId_14", "bo_comment_bad_comment_rate_multi_max_13", "bo_comment_bad_comment_rate_multi_min_14",
            "bo_comment_bad_comment_rate_multi_min_15", "bo_comment_comment_num_multi_unique_count_22",
            "bo_comment_has_bad_comment_multi_unique_count_23", "bo_comment_has_bad_comment_multi_top3frequency_30",
            "bo_comment_comment_num_multi_top3frequency_33",
            "reqId_17", "bo_action_br_multi_top3frequency_16", "bo_action_cate_multi_top3frequency_17",
            "bo_action_model_id_multi_top3frequency_18", "bo_action_model_id_multi_unique_count_19",
            "bo_action_model_id_multi_unique_count_20", "bo_action_type_multi_unique_count_21",
            "bo_action_type_multi_top3frequency_40", "bo_action_type_multi_top3frequency_42");

    private NativeSparkFeatures() {}

    /** The 42 features over the tables flattenRequest, action, bo_product, bo_user, bo_comment, bo_action. */
    public static Dataset<Row> compute(Map<String, Dataset<Row>> tables) {
        Dataset<Row> flattenRequest = table(tables, "flattenRequest");
        Dataset<Row> requests = flattenRequest.withColumn(POS, InputPosition.of(flattenRequest).column())
                .withColumn(MS, unix_millis(col("eventTime")));
        Dataset<Row> timed = requests.filter(col(MS).isNotNull().and(col(MS).geq(0)));
        Dataset<Row> out0 = out0(timed);
        Dataset<Row> out1 = latestPerKey(out1(requests, tables), "reqId_3");
        Dataset<Row> out2 = latestPerKey(out2(timed, table(tables, "bo_comment")), "reqId_14");
        Dataset<Row> out3 = latestPerKey(out3(timed, table(tables, "bo_action")), "reqId_17");
        Dataset<Row> joined = out0
                .join(out1, out0.col("reqId_1").equalTo(out1.col("reqId_3")), "left")
                .join(out2, out0.col("reqId_1").equalTo(out2.col("reqId_14")), "left")
                .join(out3, out0.col("reqId_1").equalTo(out3.col("reqId_17")), "left");
        return joined.select(COLUMNS.stream().map(name -> col(name)).toArray(Column[]::new));
    }

    private static Dataset<Row> out0(Dataset<Row> requests) {
        WindowSpec byUser = Window.partitionBy("user_id").orderBy(MS, POS);
        WindowSpec rows10 = byUser.rowsBetween(-10, Window.currentRow());
        WindowSpec newest200 = byUser.rowsBetween(-199, Window.currentRow());
        Frame last11 = Frame.plain(11, -1);
        Frame range14d200 = Frame.plain(200, 14 * DAY);
        Column dayOfWeek = pmod(floor(col(MS).plus(lit(UTC8)).divide(lit(DAY))).plus(lit(4L)), lit(7L)).plus(lit(1L))
                .cast(DataTypes.IntegerType);
        return requests.select(
                col("reqId").as("reqId_1"),
                col("eventTime").as("flattenRequest_eventTime_original_0"),
                col("reqId").as("flattenRequest_reqId_original_1"),
                col("pair_id").as("flattenRequest_pair_id_original_24"),
                col("sku_id").as("flattenRequest_sku_id_original_25"),
                col("user_id").as("flattenRequest_user_id_original_26"),
                call(new FrameAggregator.DistinctCount(last11, ""), "pair_id", DataTypes.StringType, true)
                        .over(rows10).as("flattenRequest_pair_id_window_unique_count_27"),
                call(new FrameAggregator.Top1Ratio(last11), "pair_id", DataTypes.StringType, true)
                        .over(rows10).as("flattenRequest_pair_id_window_top1_ratio_28"),
                call(new FrameAggregator.Top1Ratio(range14d200), "pair_id", DataTypes.StringType, true)
                        .over(newest200).as("flattenRequest_pair_id_window_top1_ratio_29"),
                call(new FrameAggregator.DistinctCount(range14d200, ""), "pair_id", DataTypes.StringType, true)
                        .over(newest200).as("flattenRequest_pair_id_window_unique_count_32"),
                call(new FrameAggregator.CountEqualToCurrent(last11), "pair_id", DataTypes.StringType, true)
                        .over(rows10).as("flattenRequest_pair_id_window_count_35"),
                dayOfWeek.as("flattenRequest_eventTime_dayofweek_41"),
                when(lit(1).lt(dayOfWeek).and(dayOfWeek.lt(lit(7))), lit(1)).otherwise(lit(0))
                        .as("flattenRequest_eventTime_isweekday_43"),
                col(POS));
    }

    private static Dataset<Row> out1(Dataset<Row> requests, Map<String, Dataset<Row>> tables) {
        Dataset<Row> action = latestRight(table(tables, "action"), "reqId")
                .select(col("reqId").as("a_reqId"), col("actionValue").as("action_actionValue_multi_direct_2"));
        Dataset<Row> product = latestRight(table(tables, "bo_product"), "sku_id").select(
                col("sku_id").as("p_sku_id"),
                col("a1").as("bo_product_a1_multi_direct_3"),
                col("a2").as("bo_product_a2_multi_direct_4"),
                col("a3").as("bo_product_a3_multi_direct_5"),
                col("br").as("bo_product_br_multi_direct_6"),
                col("cate").as("bo_product_cate_multi_direct_7"),
                col("ingestionTime").as("bo_product_ingestionTime_multi_direct_8"));
        Dataset<Row> user = latestRight(table(tables, "bo_user"), "user_id").select(
                col("user_id").as("u_user_id"),
                col("age").as("bo_user_age_multi_direct_9"),
                col("ingestionTime").as("bo_user_ingestionTime_multi_direct_10"),
                col("sex").as("bo_user_sex_multi_direct_11"),
                col("user_lv_cd").as("bo_user_user_lv_cd_multi_direct_12"));
        return requests.select(col("reqId"), col("sku_id"), col("user_id"), col(POS))
                .join(action, col("reqId").equalTo(col("a_reqId")), "left")
                .join(product, col("sku_id").equalTo(col("p_sku_id")), "left")
                .join(user, col("user_id").equalTo(col("u_user_id")), "left")
                .select(col("reqId").as("reqId_3"), col("action_actionValue_multi_direct_2"),
                        col("bo_product_a1_multi_direct_3"), col("bo_product_a2_multi_direct_4"),
                        col("bo_product_a3_multi_direct_5"), col("bo_product_br_multi_direct_6"),
                        col("bo_product_cate_multi_direct_7"), col("bo_product_ingestionTime_multi_direct_8"),
                        col("bo_user_age_multi_direct_9"), col("bo_user_ingestionTime_multi_direct_10"),
                        col("bo_user_sex_multi_direct_11"), col("bo_user_user_lv_cd_multi_direct_12"), col(POS));
    }

    private static Dataset<Row> out2(Dataset<Row> requests, Dataset<Row> comments) {
        Dataset<Row> main = requests.select(col(MS), col("sku_id"), lit(0).as("comment_num"),
                lit("").as("has_bad_comment"), lit(0f).as("bad_comment_rate"), col("reqId"), lit(true).as(MAIN), col(POS));
        Dataset<Row> union = comments.select(unix_millis(col("ingestionTime")).as(MS), col("sku_id"),
                        col("comment_num"), col("has_bad_comment"), col("bad_comment_rate"), lit(null).cast("string").as("reqId"),
                        lit(false).as(MAIN), InputPosition.of(comments).column().as(POS))
                .filter(col(MS).isNotNull().and(col(MS).geq(0)));
        WindowSpec history = Window.partitionBy("sku_id").orderBy(MS, MAIN, POS)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Frame range64d = Frame.union(99, 64 * DAY);
        Frame rows10 = Frame.union(10, -1);
        return main.unionByName(union).select(
                        col("reqId").as("reqId_14"),
                        call(new FrameAggregator.FloatExtreme(range64d, true), "bad_comment_rate", DataTypes.FloatType, false)
                                .over(history).as("bo_comment_bad_comment_rate_multi_max_13"),
                        call(new FrameAggregator.FloatExtreme(rows10, false), "bad_comment_rate", DataTypes.FloatType, false)
                                .over(history).as("bo_comment_bad_comment_rate_multi_min_14"),
                        call(new FrameAggregator.FloatExtreme(range64d, false), "bad_comment_rate", DataTypes.FloatType, false)
                                .over(history).as("bo_comment_bad_comment_rate_multi_min_15"),
                        call(new FrameAggregator.DistinctCount(range64d, 0), "comment_num", DataTypes.IntegerType, false)
                                .over(history).as("bo_comment_comment_num_multi_unique_count_22"),
                        call(new FrameAggregator.DistinctCount(range64d, ""), "has_bad_comment", DataTypes.StringType, false)
                                .over(history).as("bo_comment_has_bad_comment_multi_unique_count_23"),
                        call(new FrameAggregator.TopNFrequency(range64d, 3), "has_bad_comment", DataTypes.StringType, false)
                                .over(history).as("bo_comment_has_bad_comment_multi_top3frequency_30"),
                        call(new FrameAggregator.TopNFrequency(range64d, 3), "comment_num", DataTypes.IntegerType, false)
                                .over(history).as("bo_comment_comment_num_multi_top3frequency_33"),
                        col(MAIN), col(POS))
                .filter(col(MAIN)).drop(MAIN);
    }

    private static Dataset<Row> out3(Dataset<Row> requests, Dataset<Row> actions) {
        Dataset<Row> main = requests.select(col(MS), col("pair_id"), lit("").as("model_id"), lit("").as("type"),
                lit("").as("cate"), lit("").as("br"), col("reqId"), lit(true).as(MAIN), col(POS));
        Dataset<Row> union = actions.select(unix_millis(col("ingestionTime")).as(MS), col("pair_id"), col("model_id"),
                        col("type"), col("cate"), col("br"), lit(null).cast("string").as("reqId"), lit(false).as(MAIN),
                        InputPosition.of(actions).column().as(POS))
                .filter(col(MS).isNotNull().and(col(MS).geq(0)));
        WindowSpec history = Window.partitionBy("pair_id").orderBy(MS, MAIN, POS)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Frame range10h = Frame.union(99, 10 * HOUR);
        Frame range7d = Frame.union(99, 7 * DAY);
        Frame range14d = Frame.union(99, 14 * DAY);
        return main.unionByName(union).select(
                        col("reqId").as("reqId_17"),
                        topN(range10h, "br").over(history).as("bo_action_br_multi_top3frequency_16"),
                        topN(range10h, "cate").over(history).as("bo_action_cate_multi_top3frequency_17"),
                        topN(range7d, "model_id").over(history).as("bo_action_model_id_multi_top3frequency_18"),
                        distinct(range14d, "model_id").over(history).as("bo_action_model_id_multi_unique_count_19"),
                        distinct(range7d, "model_id").over(history).as("bo_action_model_id_multi_unique_count_20"),
                        distinct(range14d, "type").over(history).as("bo_action_type_multi_unique_count_21"),
                        topN(range7d, "type").over(history).as("bo_action_type_multi_top3frequency_40"),
                        topN(range14d, "type").over(history).as("bo_action_type_multi_top3frequency_42"),
                        col(MAIN), col(POS))
                .filter(col(MAIN)).drop(MAIN);
    }

    private static Column topN(Frame frame, String column) {
        return call(new FrameAggregator.TopNFrequency(frame, 3), column, DataTypes.StringType, false);
    }

    private static Column distinct(Frame frame, String column) {
        return call(new FrameAggregator.DistinctCount(frame, ""), column, DataTypes.StringType, false);
    }

    /** The aggregator applied to (order time, main-row flag, value). */
    private static <OUT> Column call(Aggregator<Row, FrameBuffer, OUT> aggregator, String value, DataType type,
            boolean allMain) {
        StructType input = new StructType()
                .add("millis", DataTypes.LongType, false)
                .add("main", DataTypes.BooleanType, false)
                .add("value", type, true);
        return udaf(aggregator, Encoders.row(input)).apply(col(MS), allMain ? lit(true) : col(MAIN), col(value));
    }

    /** LAST JOIN's right side without ORDER BY: per key the row latest in input order. */
    private static Dataset<Row> latestRight(Dataset<Row> right, String key) {
        return right.filter(col(key).isNotNull())
                .withColumn("__rpos", InputPosition.of(right).column())
                .withColumn("__rank", row_number().over(Window.partitionBy(key).orderBy(col("__rpos").desc())))
                .filter(col("__rank").equalTo(1))
                .drop("__rank", "__rpos");
    }

    /** The sub-select's row a LAST JOIN on {@code key} picks: per key the one latest in request order. */
    private static Dataset<Row> latestPerKey(Dataset<Row> rows, String key) {
        Dataset<Row> latest = rows.filter(col(key).isNotNull())
                .groupBy(col(key).as("__key")).agg(max(col(POS)).as("__latest"));
        return rows.join(latest, rows.col(POS).equalTo(latest.col("__latest")), "left_semi").drop(POS);
    }

    private static Dataset<Row> table(Map<String, Dataset<Row>> tables, String name) {
        return requireNonNull(tables.get(name), () -> "table " + name + " is missing");
    }
}

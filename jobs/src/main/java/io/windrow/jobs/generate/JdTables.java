package io.windrow.jobs.generate;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Map;

/**
 * The schemas of the six JD tables exactly as ../shared/jd-sample/create_tables.sql declares them
 * (names, order, types), plus the generator's side table {@code truth}. Tests check them against the
 * DDL itself.
 */
public final class JdTables {
    public static final String ACTION = "action";
    public static final String FLATTEN_REQUEST = "flattenRequest";
    public static final String BO_USER = "bo_user";
    public static final String BO_ACTION = "bo_action";
    public static final String BO_PRODUCT = "bo_product";
    public static final String BO_COMMENT = "bo_comment";
    /** Not a JD table: the planted P(buy) per reqId, for the best achievable AUC. */
    public static final String TRUTH = "truth";

    /** The six tables in DDL order. */
    public static final List<String> NAMES = List.of(ACTION, FLATTEN_REQUEST, BO_USER, BO_ACTION, BO_PRODUCT, BO_COMMENT);

    private static final DataType STRING = DataTypes.StringType;
    private static final DataType TIMESTAMP = DataTypes.TimestampType;
    private static final DataType BIGINT = DataTypes.LongType;
    private static final DataType INT = DataTypes.IntegerType;

    private static final Map<String, StructType> SCHEMAS = Map.of(
            ACTION, new StructType()
                    .add("reqId", STRING).add("eventTime", TIMESTAMP).add("ingestionTime", TIMESTAMP)
                    .add("actionValue", INT),
            FLATTEN_REQUEST, new StructType()
                    .add("reqId", STRING).add("eventTime", TIMESTAMP).add("main_id", STRING).add("pair_id", STRING)
                    .add("user_id", STRING).add("sku_id", STRING).add("time", BIGINT).add("split_id", INT)
                    .add("time1", STRING),
            BO_USER, new StructType()
                    .add("ingestionTime", TIMESTAMP).add("user_id", STRING).add("age", STRING).add("sex", STRING)
                    .add("user_lv_cd", STRING).add("user_reg_tm", BIGINT),
            BO_ACTION, new StructType()
                    .add("ingestionTime", TIMESTAMP).add("pair_id", STRING).add("time", BIGINT).add("model_id", STRING)
                    .add("type", STRING).add("cate", STRING).add("br", STRING),
            BO_PRODUCT, new StructType()
                    .add("ingestionTime", TIMESTAMP).add("sku_id", STRING).add("a1", STRING).add("a2", STRING)
                    .add("a3", STRING).add("cate", STRING).add("br", STRING),
            BO_COMMENT, new StructType()
                    .add("ingestionTime", TIMESTAMP).add("dt", BIGINT).add("sku_id", STRING).add("comment_num", INT)
                    .add("has_bad_comment", STRING).add("bad_comment_rate", DataTypes.FloatType),
            TRUTH, new StructType().add("reqId", STRING).add("probability", DataTypes.DoubleType));

    private JdTables() {}

    public static StructType schema(String table) {
        StructType schema = SCHEMAS.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("unknown JD table '" + table + "' (known: " + NAMES + ", " + TRUTH + ")");
        }
        return schema;
    }
}

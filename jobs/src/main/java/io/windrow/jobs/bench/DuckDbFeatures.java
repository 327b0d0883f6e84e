package io.windrow.jobs.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The benchmark's second reference: the seed's 42 JD features as one DuckDB SQL statement over the
 * same parquet files, written the DuckDB way: window {@code list()} aggregates and list lambdas
 * for distinct_count, top1_ratio and topn_frequency (macros below), MAXSIZE as a ROWS frame of m
 * rows whose entries older than the range are filtered out, and INSTANCE_NOT_IN_WINDOW union
 * windows as a RANGE frame over the running count of union rows (so other main rows never take a
 * place in the frame). Same tie rule as {@link NativeSparkFeatures}: input order is file name,
 * then row number in the file; union rows are older than main rows at equal time.
 */
public final class DuckDbFeatures {
    /** A table's columns with their DuckDB types, for tables that are absent (an empty relation stands in). */
    public static final Map<String, String> SCHEMAS = Map.of(
            "flattenRequest", "reqId VARCHAR, eventTime TIMESTAMP, main_id VARCHAR, pair_id VARCHAR, user_id VARCHAR, "
                    + "sku_id VARCHAR, \"time\" BIGINT, split_id INTEGER, time1 VARCHAR",
            "action", "reqId VARCHAR, eventTime TIMESTAMP, ingestionTime TIMESTAMP, actionValue INTEGER",
            "bo_user", "ingestionTime TIMESTAMP, user_id VARCHAR, age VARCHAR, sex VARCHAR, user_lv_cd VARCHAR, user_reg_tm BIGINT",
            "bo_action", "ingestionTime TIMESTAMP, pair_id VARCHAR, \"time\" BIGINT, model_id VARCHAR, \"type\" VARCHAR, "
                    + "cate VARCHAR, br VARCHAR",
            "bo_product", "ingestionTime TIMESTAMP, sku_id VARCHAR, a1 VARCHAR, a2 VARCHAR, a3 VARCHAR, cate VARCHAR, br VARCHAR",
            "bo_comment", "ingestionTime TIMESTAMP, dt BIGINT, sku_id VARCHAR, comment_num INTEGER, has_bad_comment VARCHAR, "
                    + "bad_comment_rate FLOAT");

    /** Macros for OpenMLDB's functions over DuckDB lists (run once per connection). */
    public static final List<String> MACROS = List.of(
            // distinct_count: a NULL counts as the type's zero value.
            "CREATE OR REPLACE MACRO w_distinct(l, z) AS len(list_distinct(list_transform(l, x -> coalesce(x, z))))",
            "CREATE OR REPLACE MACRO w_nonnull(l) AS list_filter(l, x -> x IS NOT NULL)",
            "CREATE OR REPLACE MACRO w_top1_ratio(l) AS CASE WHEN len(w_nonnull(l)) = 0 THEN 0.0::DOUBLE "
                    + "ELSE list_max(map_values(list_aggregate(w_nonnull(l), 'histogram')))::DOUBLE / len(w_nonnull(l)) END",
            // topn_frequency(l, 3): count descending, key ascending (bytewise / numeric), padded with NULL.
            "CREATE OR REPLACE MACRO w_top3(l) AS array_to_string(list_concat(coalesce(list_transform(list_sort("
                    + "list_transform(map_entries(list_aggregate(w_nonnull(l), 'histogram')), e -> {'c': -e.value, 'k': e.key})),"
                    + " e -> CAST(e.k AS VARCHAR)), []::VARCHAR[]), ['NULL', 'NULL', 'NULL'])[1:3], ',')");

    private static final String QUERY = """
            WITH
            fr AS (SELECT *, epoch_ms(eventTime) AS ms, row_number() OVER (ORDER BY filename, file_row_number) AS pos
                   FROM ${flattenRequest}),
            frv AS (SELECT * FROM fr WHERE ms IS NOT NULL AND ms >= 0),
            o0 AS (
              SELECT reqId, eventTime, pair_id, sku_id, user_id, ms, pos,
                     list(pair_id) OVER w10 AS l10,
                     list({'ms': ms, 'v': pair_id}) OVER w200 AS l200
              FROM frv
              WINDOW w10 AS (PARTITION BY user_id ORDER BY ms, pos ROWS BETWEEN 10 PRECEDING AND CURRENT ROW),
                     w200 AS (PARTITION BY user_id ORDER BY ms, pos ROWS BETWEEN 199 PRECEDING AND CURRENT ROW)),
            out0 AS (
              SELECT reqId AS reqId_1, eventTime AS flattenRequest_eventTime_original_0,
                     reqId AS flattenRequest_reqId_original_1, pair_id AS flattenRequest_pair_id_original_24,
                     sku_id AS flattenRequest_sku_id_original_25, user_id AS flattenRequest_user_id_original_26,
                     w_distinct(l10, '') AS flattenRequest_pair_id_window_unique_count_27,
                     w_top1_ratio(l10) AS flattenRequest_pair_id_window_top1_ratio_28,
                     w_top1_ratio(list_transform(list_filter(l200, e -> e.ms >= ms - ${d14}), e -> e.v))
                       AS flattenRequest_pair_id_window_top1_ratio_29,
                     w_distinct(list_transform(list_filter(l200, e -> e.ms >= ms - ${d14}), e -> e.v), '')
                       AS flattenRequest_pair_id_window_unique_count_32,
                     CASE WHEN pair_id IS NOT NULL THEN len(list_filter(l10, x -> x = pair_id)) END
                       AS flattenRequest_pair_id_window_count_35,
                     CAST(((floor((ms + ${h8}) / ${d1})::BIGINT + 4) % 7) + 1 AS INTEGER) AS flattenRequest_eventTime_dayofweek_41,
                     CASE WHEN 1 < ((floor((ms + ${h8}) / ${d1})::BIGINT + 4) % 7) + 1
                           AND ((floor((ms + ${h8}) / ${d1})::BIGINT + 4) % 7) + 1 < 7 THEN 1 ELSE 0 END
                       AS flattenRequest_eventTime_isweekday_43
              FROM o0),
            act AS (SELECT * FROM ${action} WHERE reqId IS NOT NULL
                    QUALIFY row_number() OVER (PARTITION BY reqId ORDER BY filename DESC, file_row_number DESC) = 1),
            prod AS (SELECT * FROM ${bo_product} WHERE sku_id IS NOT NULL
                    QUALIFY row_number() OVER (PARTITION BY sku_id ORDER BY filename DESC, file_row_number DESC) = 1),
            usr AS (SELECT * FROM ${bo_user} WHERE user_id IS NOT NULL
                    QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY filename DESC, file_row_number DESC) = 1),
            out1 AS (
              SELECT fr.reqId AS reqId_3, act.actionValue AS action_actionValue_multi_direct_2,
                     prod.a1 AS bo_product_a1_multi_direct_3, prod.a2 AS bo_product_a2_multi_direct_4,
                     prod.a3 AS bo_product_a3_multi_direct_5, prod.br AS bo_product_br_multi_direct_6,
                     prod.cate AS bo_product_cate_multi_direct_7, prod.ingestionTime AS bo_product_ingestionTime_multi_direct_8,
                     usr.age AS bo_user_age_multi_direct_9, usr.ingestionTime AS bo_user_ingestionTime_multi_direct_10,
                     usr.sex AS bo_user_sex_multi_direct_11, usr.user_lv_cd AS bo_user_user_lv_cd_multi_direct_12
              FROM fr LEFT JOIN act ON fr.reqId = act.reqId
                      LEFT JOIN prod ON fr.sku_id = prod.sku_id
                      LEFT JOIN usr ON fr.user_id = usr.user_id
              WHERE fr.reqId IS NOT NULL
              QUALIFY row_number() OVER (PARTITION BY fr.reqId ORDER BY fr.pos DESC) = 1),
            u2 AS (
              SELECT ms, sku_id, 0 AS comment_num, '' AS has_bad_comment, CAST(0 AS FLOAT) AS bad_comment_rate,
                     reqId, 1 AS main, pos FROM frv
              UNION ALL
              SELECT * FROM (SELECT epoch_ms(ingestionTime) AS ms, sku_id, comment_num, has_bad_comment, bad_comment_rate,
                     NULL::VARCHAR AS reqId, 0 AS main, row_number() OVER (ORDER BY filename, file_row_number) AS pos
                     FROM ${bo_comment}) WHERE ms IS NOT NULL AND ms >= 0),
            u2c AS (SELECT *, sum(1 - main) OVER (PARTITION BY sku_id ORDER BY ms, main, pos ROWS UNBOUNDED PRECEDING) AS uc
                    FROM u2),
            o2 AS (
              SELECT reqId, ms, pos, main, comment_num, has_bad_comment, bad_comment_rate,
                     list_filter(list(CASE WHEN main = 0 THEN {'ms': ms, 'n': comment_num, 'h': has_bad_comment,
                       'r': bad_comment_rate} END) OVER (PARTITION BY sku_id ORDER BY uc RANGE BETWEEN 98 PRECEDING AND CURRENT ROW),
                       x -> x IS NOT NULL) AS h99,
                     list_filter(list(CASE WHEN main = 0 THEN bad_comment_rate END)
                       OVER (PARTITION BY sku_id ORDER BY uc RANGE BETWEEN 9 PRECEDING AND CURRENT ROW), x -> x IS NOT NULL) AS h10
              FROM u2c),
            o2r AS (SELECT *, list_filter(coalesce(h99, []), e -> e.ms >= ms - ${d64}) AS r64 FROM o2 WHERE main = 1),
            out2 AS (
              SELECT reqId AS reqId_14,
                     list_max(list_concat(list_transform(r64, e -> e.r), [bad_comment_rate])) AS bo_comment_bad_comment_rate_multi_max_13,
                     list_min(list_concat(coalesce(h10, []), [bad_comment_rate])) AS bo_comment_bad_comment_rate_multi_min_14,
                     list_min(list_concat(list_transform(r64, e -> e.r), [bad_comment_rate])) AS bo_comment_bad_comment_rate_multi_min_15,
                     w_distinct(list_concat(list_transform(r64, e -> e.n), [comment_num]), 0) AS bo_comment_comment_num_multi_unique_count_22,
                     w_distinct(list_concat(list_transform(r64, e -> e.h), [has_bad_comment]), '') AS bo_comment_has_bad_comment_multi_unique_count_23,
                     w_top3(list_concat(list_transform(r64, e -> e.h), [has_bad_comment])) AS bo_comment_has_bad_comment_multi_top3frequency_30,
                     w_top3(list_concat(list_transform(r64, e -> e.n), [comment_num])) AS bo_comment_comment_num_multi_top3frequency_33
              FROM o2r WHERE reqId IS NOT NULL
              QUALIFY row_number() OVER (PARTITION BY reqId ORDER BY pos DESC) = 1),
            u3 AS (
              SELECT ms, pair_id, '' AS model_id, '' AS "type", '' AS cate, '' AS br, reqId, 1 AS main, pos FROM frv
              UNION ALL
              SELECT * FROM (SELECT epoch_ms(ingestionTime) AS ms, pair_id, model_id, "type", cate, br, NULL::VARCHAR AS reqId,
                     0 AS main, row_number() OVER (ORDER BY filename, file_row_number) AS pos
                     FROM ${bo_action}) WHERE ms IS NOT NULL AND ms >= 0),
            u3c AS (SELECT *, sum(1 - main) OVER (PARTITION BY pair_id ORDER BY ms, main, pos ROWS UNBOUNDED PRECEDING) AS uc
                    FROM u3),
            o3 AS (
              SELECT reqId, ms, pos, main, model_id, "type", cate, br,
                     list_filter(list(CASE WHEN main = 0 THEN {'ms': ms, 'm': model_id, 't': "type", 'c': cate, 'b': br} END)
                       OVER (PARTITION BY pair_id ORDER BY uc RANGE BETWEEN 98 PRECEDING AND CURRENT ROW), x -> x IS NOT NULL) AS h99
              FROM u3c),
            o3r AS (SELECT *, list_filter(coalesce(h99, []), e -> e.ms >= ms - ${h10}) AS r10h,
                              list_filter(coalesce(h99, []), e -> e.ms >= ms - ${d7}) AS r7d,
                              list_filter(coalesce(h99, []), e -> e.ms >= ms - ${d14}) AS r14d
                    FROM o3 WHERE main = 1),
            out3 AS (
              SELECT reqId AS reqId_17,
                     w_top3(list_concat(list_transform(r10h, e -> e.b), [br])) AS bo_action_br_multi_top3frequency_16,
                     w_top3(list_concat(list_transform(r10h, e -> e.c), [cate])) AS bo_action_cate_multi_top3frequency_17,
                     w_top3(list_concat(list_transform(r7d, e -> e.m), [model_id])) AS bo_action_model_id_multi_top3frequency_18,
                     w_distinct(list_concat(list_transform(r14d, e -> e.m), [model_id]), '') AS bo_action_model_id_multi_unique_count_19,
                     w_distinct(list_concat(list_transform(r7d, e -> e.m), [model_id]), '') AS bo_action_model_id_multi_unique_count_20,
                     w_distinct(list_concat(list_transform(r14d, e -> e.t), ["type"]), '') AS bo_action_type_multi_unique_count_21,
                     w_top3(list_concat(list_transform(r7d, e -> e.t), ["type"])) AS bo_action_type_multi_top3frequency_40,
                     w_top3(list_concat(list_transform(r14d, e -> e.t), ["type"])) AS bo_action_type_multi_top3frequency_42
              FROM o3r WHERE reqId IS NOT NULL
              QUALIFY row_number() OVER (PARTITION BY reqId ORDER BY pos DESC) = 1)
            SELECT ${columns}
            FROM out0 LEFT JOIN out1 ON out0.reqId_1 = out1.reqId_3
                      LEFT JOIN out2 ON out0.reqId_1 = out2.reqId_14
                      LEFT JOIN out3 ON out0.reqId_1 = out3.reqId_17
            """;

    private DuckDbFeatures() {}

    /**
     * The feature query. {@code parquetFolders} maps each table name to its folder of parquet
     * files; a table without a folder (the JD sample has no {@code action}) is an empty relation.
     */
    public static String query(Map<String, String> parquetFolders) {
        requireNonNull(parquetFolders, "parquetFolders");
        Map<String, String> values = new LinkedHashMap<>();
        for (String table : SCHEMAS.keySet()) {
            String folder = parquetFolders.get(table);
            values.put(table, folder == null ? emptyRelation(table)
                    : "read_parquet('" + folder.replace("'", "''") + "/**/*.parquet', filename = true, file_row_number = true)");
        }
        values.put("h8", String.valueOf(8 * 3_600_000L));
        values.put("h10", String.valueOf(10 * 3_600_000L));
        values.put("d1", String.valueOf(86_400_000L));
        values.put("d7", String.valueOf(7 * 86_400_000L));
        values.put("d14", String.valueOf(14 * 86_400_000L));
        values.put("d64", String.valueOf(64 * 86_400_000L));
        values.put("columns", String.join(", ", NativeSparkFeatures.COLUMNS));
        String sql = QUERY;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            sql = sql.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        return sql;
    }

    private static String emptyRelation(String table) {
        String columns = java.util.Arrays.stream(SCHEMAS.get(table).split(",\\s*(?![^()]*\\))"))
                .map(column -> {
                    String[] parts = column.trim().split("\\s+");
                    return "NULL::" + parts[1] + " AS " + parts[0];
                })
                .collect(Collectors.joining(", "));
        return "(SELECT " + columns + ", NULL::VARCHAR AS filename, NULL::BIGINT AS file_row_number WHERE false)";
    }
}

package io.windrow.jobs.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * The least work any shuffle-based Spark plan of the seed's features must do, timed as the
 * benchmark's {@code shuffle-floor} engine: every input table is scanned for the columns the
 * features read, and every row is moved once to each key a window or a large LAST JOIN partitions
 * it by (flattenRequest by user_id, sku_id and pair_id; action by reqId; bo_user by user_id;
 * bo_comment by sku_id; bo_action by pair_id; bo_product, small enough to broadcast, is only
 * scanned; flattenRequest is scanned once per key, as every engine here does). Nothing is sorted, aggregated, joined or written (Spark's {@code noop} sink), so a
 * feature engine on stock Spark can approach this time but not beat it; it computes no features
 * and takes no part in the agreement check.
 */
final class ShuffleFloor {
    private record Move(String table, String key, List<String> columns) {}

    private static final List<Move> MOVES = List.of(
            new Move("flattenRequest", "user_id", List.of("reqId", "eventTime", "pair_id", "sku_id", "user_id")),
            new Move("flattenRequest", "sku_id", List.of("reqId", "eventTime", "sku_id")),
            new Move("flattenRequest", "pair_id", List.of("reqId", "eventTime", "pair_id")),
            new Move("action", "reqId", List.of("reqId", "actionValue")),
            new Move("bo_user", "user_id", List.of("user_id", "age", "sex", "user_lv_cd", "ingestionTime")),
            new Move("bo_comment", "sku_id",
                    List.of("sku_id", "ingestionTime", "comment_num", "has_bad_comment", "bad_comment_rate")),
            new Move("bo_action", "pair_id", List.of("pair_id", "ingestionTime", "model_id", "type", "cate", "br")),
            new Move("bo_product", null, List.of("sku_id", "a1", "a2", "a3", "br", "cate", "ingestionTime")));

    private ShuffleFloor() {}

    /** The columns the floor reads from a table (each is one the features read). */
    static Set<String> columnsRead(String table) {
        Set<String> columns = new TreeSet<>();
        MOVES.stream().filter(move -> move.table().equals(table)).forEach(move -> columns.addAll(move.columns()));
        return columns;
    }

    /** Runs every scan and shuffle, one Spark job each. */
    static void run(Map<String, Dataset<Row>> tables) {
        requireNonNull(tables, "tables");
        for (Move move : MOVES) {
            Dataset<Row> scanned = tables.get(move.table())
                    .select(move.columns().stream().map(functions::col).toArray(Column[]::new));
            Dataset<Row> moved = move.key() == null ? scanned : scanned.repartition(col(move.key()));
            moved.write().format("noop").mode(SaveMode.Overwrite).save();
        }
    }
}

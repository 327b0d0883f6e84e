package io.windrow.samples.jd;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

/**
 * The JD demo's {@code action} label table derived from behaviour: a request (a flattenRequest row:
 * reqId, eventTime, pair_id) is positive ({@code actionValue = 1}) when its (user, sku) pair has an
 * action of a positive type (JD: '4', an order) in bo_action with
 * {@code request time < action time <= request time + horizon days}; 0 when the whole horizon lies
 * within the action log and holds no such action; NULL (unknown) when the horizon runs past the end
 * of the log (the latest bo_action time, of any type), even when an order was already seen, since
 * keeping only the censored positives would inflate the positive rate of the log's last days.
 * Calling the censored requests negative made the last days, and the JD sample's prediction-period
 * requests after the log ends, all negative: a time split then tested on them (1 positive in 1,393
 * test rows of the JD sample) and the AUC measured that artefact, not the model. Preprocessing drops
 * NULL labels. The output has the DDL's columns {@code (reqId, eventTime, ingestionTime,
 * actionValue)}, with ingestionTime = eventTime. This is a dedicated mode of the samples stage:
 * bo_action carries no request id, so the per-request events model of the seed cannot key it.
 */
public final class ActionLabels {
    private final List<String> positiveTypes;
    private final int horizonDays;

    public ActionLabels(List<String> positiveTypes, int horizonDays) {
        this.positiveTypes = List.copyOf(requireNonNull(positiveTypes, "positiveTypes"));
        if (positiveTypes.isEmpty()) {
            throw new IllegalArgumentException("samples.jd-action.positive-types must not be empty");
        }
        if (horizonDays <= 0) {
            throw new IllegalArgumentException("samples.jd-action.horizon-days must be > 0, got " + horizonDays);
        }
        this.horizonDays = horizonDays;
    }

    public Dataset<Row> derive(Dataset<Row> requests, Dataset<Row> actions) {
        require(requests, "requests (flattenRequest)", "reqId", "eventTime", "pair_id");
        require(actions, "actions (bo_action)", "pair_id", "time", "type");
        long horizonMillis = horizonDays * 86_400_000L;
        Dataset<Row> r = requests.select(col("reqId"), col("eventTime").cast("timestamp").as("eventTime"), col("pair_id").as("r_pair"))
                .withColumn("r_ms", unix_millis(col("eventTime")));
        // The end of the observed behaviour: a small aggregate, the only value brought to the driver.
        Row end = actions.agg(max(col("time").cast("long"))).first();
        if (end.isNullAt(0)) {
            throw new IllegalArgumentException("actions (bo_action) has no row with a time: the label horizon cannot be observed");
        }
        long observedUntil = end.getLong(0);
        Dataset<Row> a = actions.filter(col("type").cast("string").isin(positiveTypes.toArray()))
                .select(col("pair_id").as("a_pair"), col("time").cast("long").as("a_ms"))
                .filter(col("a_ms").isNotNull())
                .distinct();
        Column within = col("r_pair").equalTo(col("a_pair"))
                .and(col("a_ms").gt(col("r_ms")))
                .and(col("a_ms").leq(col("r_ms").plus(lit(horizonMillis))));
        return r.join(a, within, "left")
                .groupBy("reqId", "eventTime")
                .agg(max(when(col("a_pair").isNotNull(), lit(1)).otherwise(lit(0))).cast("int").as("seen"),
                        max(col("r_ms")).as("r_ms"))
                .select(col("reqId"), col("eventTime"), col("eventTime").as("ingestionTime"),
                        when(col("r_ms").plus(lit(horizonMillis)).leq(lit(observedUntil)), col("seen"))
                                .cast("int").as("actionValue"));
    }

    private static void require(Dataset<Row> table, String what, String... columns) {
        Set<String> present = Set.of(table.columns());
        for (String column : columns) {
            if (!present.contains(column)) {
                throw new IllegalArgumentException(what + " has no column '" + column + "'; its columns are "
                        + Arrays.toString(table.columns()));
            }
        }
    }
}

package io.windrow.samples.diagnose;

import io.windrow.samples.diagnose.DiagnoseReport.Example;
import io.windrow.samples.diagnose.DiagnoseReport.FeatureConsistency;
import io.windrow.samples.diagnose.DiagnoseReport.LabelRate;
import io.windrow.samples.diagnose.DiagnoseReport.TimePoint;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * Compares two sample or feature tables on a key, TFDV-skew style: sizes, keys on one side only,
 * join rates, positive rates (overall and per time bucket) and, for every feature over the keys
 * found on both sides, the counts of match / mismatch / only-left / only-right with the worst
 * examples. Numbers match when {@code |a - b| <= tolerance * max(1, |a|, |b|)}; other types match
 * on their string form; two NULLs match. A key present several times on a side is counted
 * ({@code *DuplicateKeys}) and compared through one deterministic row (the smallest JSON form).
 */
public final class Diagnosis {
    /** The most time buckets the chart keeps (the earliest ones). */
    static final int MAX_BUCKETS = 1000;
    private static final String L = "l__";
    private static final String R = "r__";

    private final DiagnoseSpec spec;

    public Diagnosis(DiagnoseSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    public DiagnoseReport compare(Dataset<Row> left, Dataset<Row> right) {
        requireColumns(left, spec.leftName());
        requireColumns(right, spec.rightName());
        List<String> features = features(left, right);
        long leftRows = left.count();
        long rightRows = right.count();
        Dataset<Row> l = firstPerKey(left).select(prefixed(left, L, true));
        Dataset<Row> r = firstPerKey(right).select(prefixed(right, R, true));
        Column on = null;
        for (String k : spec.key()) {
            Column eq = col(L + k).eqNullSafe(col(R + k));
            on = on == null ? eq : on.and(eq);
        }
        Dataset<Row> joined = l.join(r, on, "full_outer").persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column bothPresent = col(L + "present").isNotNull().and(col(R + "present").isNotNull());
            Row sizes = joined.agg(
                    count(when(bothPresent, lit(1))).as("both"),
                    count(when(col(R + "present").isNull(), lit(1))).as("only_left"),
                    count(when(col(L + "present").isNull(), lit(1))).as("only_right")).first();
            long both = sizes.getLong(0);
            long onlyLeft = sizes.getLong(1);
            long onlyRight = sizes.getLong(2);
            long leftKeys = both + onlyLeft;
            long rightKeys = both + onlyRight;
            Dataset<Row> matched = joined.filter(bothPresent);

            List<Dataset<Row>> compared = new ArrayList<>();
            for (String feature : features) {
                DataType lt = left.schema().apply(feature).dataType();
                DataType rt = right.schema().apply(feature).dataType();
                boolean numeric = lt instanceof NumericType && rt instanceof NumericType;
                compared.add(compareValues(matched, feature, col(L + feature), col(R + feature), numeric));
            }
            for (String packed : spec.packedFeatures()) {
                compared.add(comparePacked(matched, packed));
            }
            List<FeatureConsistency> consistency = compared.isEmpty() ? List.of()
                    : consistency(compared.stream().reduce(Dataset::unionAll).orElseThrow(), features);

            List<LabelRate> labels = new ArrayList<>();
            double[] leftRates = positiveRates(left);
            double[] rightRates = positiveRates(right);
            for (int i = 0; i < spec.labels().size(); i++) {
                labels.add(new LabelRate(spec.labels().get(i), leftRates[i], rightRates[i],
                        round(Math.abs(leftRates[i] - rightRates[i]))));
            }
            List<TimePoint> overTime = spec.timeColumn().isEmpty() ? List.of() : overTime(left, right);

            double onlyOneSide = leftKeys + rightKeys - both == 0 ? 0.0
                    : round((double) (onlyLeft + onlyRight) / (leftKeys + rightKeys - both));
            DiagnoseReport draft = new DiagnoseReport(spec.leftName(), spec.rightName(), spec.key(), leftRows, rightRows,
                    leftRows - leftKeys, rightRows - rightKeys, both, onlyLeft, onlyRight,
                    leftKeys == 0 ? 0.0 : round((double) both / leftKeys),
                    rightKeys == 0 ? 0.0 : round((double) both / rightKeys),
                    onlyOneSide, labels, overTime, consistency, List.of());
            return withViolations(draft);
        } finally {
            joined.unpersist();
        }
    }

    private DiagnoseReport withViolations(DiagnoseReport report) {
        List<String> violations = new ArrayList<>();
        if (spec.maxOnlyOneSideRate() >= 0 && report.onlyOneSideRate() > spec.maxOnlyOneSideRate()) {
            violations.add(String.format(Locale.ROOT, "keys on one side only: %.6f > max-only-one-side-rate %s",
                    report.onlyOneSideRate(), spec.maxOnlyOneSideRate()));
        }
        if (spec.maxFeatureMismatchRate() >= 0) {
            for (FeatureConsistency f : report.features()) {
                if (f.mismatchRate() > spec.maxFeatureMismatchRate()) {
                    violations.add(String.format(Locale.ROOT, "feature %s mismatch rate %.6f > max-feature-mismatch-rate %s",
                            f.feature(), f.mismatchRate(), spec.maxFeatureMismatchRate()));
                }
            }
        }
        if (spec.maxPositiveRateDiff() >= 0) {
            for (LabelRate label : report.labels()) {
                if (label.diff() > spec.maxPositiveRateDiff()) {
                    violations.add(String.format(Locale.ROOT, "label %s positive rates %.6f vs %.6f differ by more than %s",
                            label.label(), label.left(), label.right(), spec.maxPositiveRateDiff()));
                }
            }
        }
        return new DiagnoseReport(report.leftName(), report.rightName(), report.key(), report.leftRows(), report.rightRows(),
                report.leftDuplicateKeys(), report.rightDuplicateKeys(), report.bothKeys(), report.onlyLeftKeys(),
                report.onlyRightKeys(), report.leftJoinRate(), report.rightJoinRate(), report.onlyOneSideRate(),
                report.labels(), report.positiveRateOverTime(), report.features(), violations);
    }

    /** One row per matched key: (keys, name, lv, rv, diff, outcome). */
    private Dataset<Row> compareValues(Dataset<Row> matched, String name, Column lv, Column rv, boolean numeric) {
        Column diff = numeric ? abs(lv.cast("double").minus(rv.cast("double"))) : lit(null).cast("double");
        Column equal = numeric
                ? diff.leq(greatest(lit(1.0), abs(lv.cast("double")), abs(rv.cast("double"))).multiply(spec.tolerance()))
                : lv.cast("string").equalTo(rv.cast("string"));
        return matched.select(keyColumns(lit(name).as("name"), lv.cast("string").as("lv"), rv.cast("string").as("rv"),
                diff.as("diff"), outcome(lv, rv, equal).as("outcome")));
    }

    private static Column outcome(Column lv, Column rv, Column equal) {
        return when(lv.isNull().and(rv.isNull()), lit("match"))
                .when(rv.isNull(), lit("only_left"))
                .when(lv.isNull(), lit("only_right"))
                .when(equal, lit("match"))
                .otherwise(lit("mismatch"));
    }

    /** Counts per feature in one aggregation, worst examples in one windowed query. */
    private List<FeatureConsistency> consistency(Dataset<Row> classified, List<String> plainFeatures) {
        Dataset<Row> rows = classified.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Row> counts = rows.groupBy("name").agg(
                    count(when(col("outcome").equalTo("match"), lit(1))),
                    count(when(col("outcome").equalTo("mismatch"), lit(1))),
                    count(when(col("outcome").equalTo("only_left"), lit(1))),
                    count(when(col("outcome").equalTo("only_right"), lit(1)))).collectAsList();
            Map<String, List<Example>> worst = new LinkedHashMap<>();
            if (spec.examples() > 0) {
                List<Column> order = new ArrayList<>(List.of(col("diff").desc_nulls_last()));
                spec.key().forEach(k -> order.add(col("k__" + k)));
                List<Row> examples = rows.filter(col("outcome").equalTo("mismatch"))
                        .withColumn("rn__", row_number().over(Window.partitionBy("name").orderBy(order.toArray(Column[]::new))))
                        .filter(col("rn__").leq(spec.examples()))
                        .orderBy(col("name"), col("rn__")).collectAsList();
                for (Row row : examples) {
                    Map<String, String> key = new LinkedHashMap<>();
                    for (String k : spec.key()) {
                        Object value = row.getAs("k__" + k);
                        key.put(k, value == null ? null : value.toString());
                    }
                    Double diff = row.isNullAt(row.fieldIndex("diff")) ? null : row.getAs("diff");
                    worst.computeIfAbsent(row.getAs("name"), n -> new ArrayList<>())
                            .add(new Example(key, row.getAs("lv"), row.getAs("rv"), diff));
                }
            }
            Map<String, FeatureConsistency> byName = new java.util.TreeMap<>();
            for (Row c : counts) {
                String name = c.getString(0);
                long match = c.getLong(1);
                long mismatch = c.getLong(2);
                byName.put(name, new FeatureConsistency(name, match, mismatch, c.getLong(3), c.getLong(4),
                        match + mismatch == 0 ? 0.0 : round((double) mismatch / (match + mismatch)),
                        worst.getOrDefault(name, List.of())));
            }
            return orderLikeInput(byName, plainFeatures);
        } finally {
            rows.unpersist();
        }
    }

    /** Plain features in config/column order, then each packed column's inner features by name. */
    private static List<FeatureConsistency> orderLikeInput(Map<String, FeatureConsistency> byName, List<String> plainFeatures) {
        List<FeatureConsistency> ordered = new ArrayList<>();
        for (String f : plainFeatures) {
            FeatureConsistency c = byName.remove(f);
            ordered.add(c != null ? c : new FeatureConsistency(f, 0, 0, 0, 0, 0.0, List.of()));
        }
        ordered.addAll(byName.values());
        return ordered;
    }

    /** Packed "name:value,name:value" strings: one row per inner name, named packed.name. */
    private Dataset<Row> comparePacked(Dataset<Row> matched, String packed) {
        Column lm = expr("str_to_map(coalesce(`" + L + packed + "`, ''), ',', ':')");
        Column rm = expr("str_to_map(coalesce(`" + R + packed + "`, ''), ',', ':')");
        Dataset<Row> maps = matched.select(keyColumns(lm.as("lm"), rm.as("rm")))
                .select(col("*"), explode(array_distinct(concat(map_keys(col("lm")), map_keys(col("rm"))))).as("inner"))
                .filter(col("inner").notEqual(""))
                .select(keyed(col("inner"), expr("try_element_at(lm, inner)").as("lv"), expr("try_element_at(rm, inner)").as("rv")));
        Column ld = col("lv").try_cast("double");
        Column rd = col("rv").try_cast("double");
        Column numeric = ld.isNotNull().and(rd.isNotNull());
        Column diff = when(numeric, abs(ld.minus(rd)));
        Column equal = when(numeric, diff.leq(greatest(lit(1.0), abs(ld), abs(rd)).multiply(spec.tolerance())))
                .otherwise(col("lv").equalTo(col("rv")));
        return maps.select(keyed(concat(lit(packed + "."), col("inner")).as("name"), col("lv"), col("rv"),
                diff.cast("double").as("diff"), outcome(col("lv"), col("rv"), equal).as("outcome")));
    }

    private List<TimePoint> overTime(Dataset<Row> left, Dataset<Row> right) {
        Map<String, long[]> leftCounts = bucketCounts(left);
        Map<String, long[]> rightCounts = bucketCounts(right);
        Set<String> keys = new LinkedHashSet<>(leftCounts.keySet());
        keys.addAll(rightCounts.keySet());
        List<TimePoint> points = new ArrayList<>();
        for (String key : keys) {
            long[] lc = leftCounts.get(key);
            long[] rc = rightCounts.get(key);
            String[] parts = key.split("\u0000");
            points.add(new TimePoint(parts[0], Long.parseLong(parts[1]),
                    lc == null ? null : round((double) lc[1] / lc[0]),
                    rc == null ? null : round((double) rc[1] / rc[0]),
                    lc == null ? 0 : lc[0], rc == null ? 0 : rc[0]));
        }
        points.sort(java.util.Comparator.comparing(TimePoint::label).thenComparingLong(TimePoint::bucketStartMillis));
        return points;
    }

    /** label + NUL + bucket start -> {rows, positives}, for the earliest MAX_BUCKETS buckets. */
    private Map<String, long[]> bucketCounts(Dataset<Row> table) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        if (spec.labels().isEmpty()) {
            return counts;
        }
        String time = "`" + spec.timeColumn() + "`";
        DataType type = table.schema().apply(spec.timeColumn()).dataType();
        Column millis = type instanceof NumericType ? col(time).cast("long") : expr("unix_millis(cast(" + time + " as timestamp))");
        long width = spec.timeBucketSecs() * 1000L;
        List<Column> aggs = new ArrayList<>();
        for (String label : spec.labels()) {
            aggs.add(count(when(col("`" + label + "`").cast("double").gt(0), lit(1))).as("p__" + label));
        }
        List<Row> rows = table.withColumn("m__", millis).filter(col("m__").isNotNull())
                .groupBy(expr("floor(m__ / " + width + ") * " + width).cast("long").as("bucket"))
                .agg(count(lit(1)).as("rows"), aggs.toArray(Column[]::new))
                .orderBy("bucket").limit(MAX_BUCKETS).collectAsList();
        for (Row row : rows) {
            for (String label : spec.labels()) {
                counts.put(label + "\u0000" + row.getLong(0), new long[] {row.getLong(1), row.getLong(row.fieldIndex("p__" + label))});
            }
        }
        return counts;
    }

    /** Each label's share of rows with label > 0, in spec order, in one aggregation. */
    private double[] positiveRates(Dataset<Row> table) {
        double[] rates = new double[spec.labels().size()];
        if (rates.length == 0) {
            return rates;
        }
        List<Column> aggs = new ArrayList<>();
        for (String label : spec.labels()) {
            aggs.add(count(when(col("`" + label + "`").cast("double").gt(0), lit(1))));
        }
        Row row = table.agg(count(lit(1)), aggs.toArray(Column[]::new)).first();
        for (int i = 0; i < rates.length; i++) {
            rates[i] = row.getLong(0) == 0 ? 0.0 : round((double) row.getLong(i + 1) / row.getLong(0));
        }
        return rates;
    }

    private List<String> features(Dataset<Row> left, Dataset<Row> right) {
        if (!spec.features().isEmpty()) {
            for (String f : spec.features()) {
                if (!Arrays.asList(left.columns()).contains(f) || !Arrays.asList(right.columns()).contains(f)) {
                    throw new IllegalArgumentException("diagnose.features: column '" + f + "' is not on both sides ("
                            + spec.leftName() + ": " + Arrays.toString(left.columns()) + "; " + spec.rightName() + ": "
                            + Arrays.toString(right.columns()) + ")");
                }
            }
            return spec.features();
        }
        Set<String> skip = new LinkedHashSet<>(spec.key());
        skip.addAll(spec.labels());
        skip.addAll(spec.packedFeatures());
        skip.add(spec.timeColumn());
        List<String> common = new ArrayList<>();
        for (String c : left.columns()) {
            if (!skip.contains(c) && Arrays.asList(right.columns()).contains(c)) {
                common.add(c);
            }
        }
        return common;
    }

    private void requireColumns(Dataset<Row> table, String side) {
        Set<String> present = Set.of(table.columns());
        List<String> needed = new ArrayList<>(spec.key());
        needed.addAll(spec.labels());
        needed.addAll(spec.packedFeatures());
        if (!spec.timeColumn().isEmpty()) {
            needed.add(spec.timeColumn());
        }
        for (String c : needed) {
            if (!present.contains(c)) {
                throw new IllegalArgumentException("diagnose: the " + side + " table has no column '" + c
                        + "'; its columns are " + Arrays.toString(table.columns()));
            }
        }
    }

    private Dataset<Row> firstPerKey(Dataset<Row> table) {
        Column[] key = spec.key().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
        Column all = to_json(struct(Arrays.stream(table.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new)));
        return table.withColumn("rn__", row_number().over(Window.partitionBy(key).orderBy(all)))
                .filter(col("rn__").equalTo(1)).drop("rn__");
    }

    private Column[] prefixed(Dataset<Row> table, String prefix, boolean withPresence) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            columns.add(col("`" + field.name() + "`").as(prefix + field.name()));
        }
        if (withPresence) {
            columns.add(lit(true).as(prefix + "present"));
        }
        return columns.toArray(Column[]::new);
    }

    /** The key columns (k__NAME; equal on matched rows) followed by {@code more}. */
    private Column[] keyColumns(Column... more) {
        List<Column> columns = new ArrayList<>();
        spec.key().forEach(k -> columns.add(coalesce(col(L + k), col(R + k)).as("k__" + k)));
        columns.addAll(Arrays.asList(more));
        return columns.toArray(Column[]::new);
    }

    /** The k__NAME columns of an already keyed table followed by {@code more}. */
    private Column[] keyed(Column... more) {
        List<Column> columns = new ArrayList<>();
        spec.key().forEach(k -> columns.add(col("k__" + k)));
        columns.addAll(Arrays.asList(more));
        return columns.toArray(Column[]::new);
    }

    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

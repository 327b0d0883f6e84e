package io.windrow.jobs.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_millis;

/**
 * Checks that two feature results agree on every row, on the cluster (nothing but the first
 * mismatches reaches the driver): rows are matched by a key column (unique on both sides), values
 * compared exactly, except floats and doubles (relative tolerance) and timestamps (as epoch ms).
 * Integral columns compare as bigint, whatever width each side chose.
 */
public final class ResultAgreement {
    /** The outcome: rows on each side, rows that differ (or exist on one side only), the first few explained. */
    public record Report(long leftRows, long rightRows, long duplicateKeys, long mismatches, List<String> examples) {
        public boolean agrees() {
            return mismatches == 0 && duplicateKeys == 0 && leftRows == rightRows;
        }
    }

    private ResultAgreement() {}

    public static Report compare(Dataset<Row> left, Dataset<Row> right, String key, List<String> columns,
            double tolerance, int maxExamples) {
        Dataset<Row> l = canonical(left, key, columns, "l_").cache();
        Dataset<Row> r = canonical(right, key, columns, "r_").cache();
        try {
            long leftRows = l.count();
            long rightRows = r.count();
            long duplicates = (leftRows - l.select("l_" + key).distinct().count()) + (rightRows - r.select("r_" + key).distinct().count());
            Dataset<Row> joined = l.join(r, l.col("l_" + key).eqNullSafe(r.col("r_" + key)), "full_outer");
            Column differs = not(col("l___present").isNotNull().and(col("r___present").isNotNull()));
            for (String column : columns) {
                differs = differs.or(not(same(col("l_" + column), col("r_" + column), isFloating(left, column)
                        || isFloating(right, column), tolerance)));
            }
            Dataset<Row> bad = joined.filter(differs);
            long mismatches = bad.count();
            List<String> examples = new ArrayList<>();
            for (Row row : bad.limit(maxExamples).collectAsList()) {
                examples.add(explain(row, key, columns, tolerance, left, right));
            }
            return new Report(leftRows, rightRows, duplicates, mismatches, examples);
        } finally {
            l.unpersist();
            r.unpersist();
        }
    }

    private static Dataset<Row> canonical(Dataset<Row> data, String key, List<String> columns, String prefix) {
        List<Column> out = new ArrayList<>();
        out.add(canonicalColumn(data, key).as(prefix + key));
        out.add(lit(true).as(prefix + "__present"));
        for (String column : columns) {
            out.add(canonicalColumn(data, column).as(prefix + column));
        }
        return data.select(out.toArray(Column[]::new));
    }

    private static Column canonicalColumn(Dataset<Row> data, String column) {
        DataType type = data.schema().apply(column).dataType();
        Column c = data.col("`" + column + "`");
        if (type instanceof TimestampType) {
            return unix_millis(c);
        }
        if (type instanceof TimestampNTZType) {
            return unix_millis(c.cast("timestamp"));
        }
        if (type instanceof IntegralType) {
            return c.cast("bigint");
        }
        if (type instanceof FloatType || type instanceof DoubleType || type instanceof DecimalType) {
            return c.cast("double");
        }
        if (type instanceof StringType || type instanceof BooleanType || type instanceof DateType) {
            return c;
        }
        return c.cast("string");
    }

    private static boolean isFloating(Dataset<Row> data, String column) {
        DataType type = data.schema().apply(column).dataType();
        return type instanceof FloatType || type instanceof DoubleType || type instanceof DecimalType;
    }

    private static Column same(Column a, Column b, boolean floating, double tolerance) {
        Column bothNull = a.isNull().and(b.isNull());
        if (!floating) {
            return coalesce(a.eqNullSafe(b), lit(false)).or(bothNull);
        }
        Column close = abs(a.minus(b)).leq(greatest(abs(a), abs(b)).multiply(lit(tolerance)));
        return bothNull.or(a.isNotNull().and(b.isNotNull()).and(a.equalTo(b).or(close)));
    }

    private static String explain(Row row, String key, List<String> columns, double tolerance, Dataset<Row> left,
            Dataset<Row> right) {
        Object leftKey = row.getAs("l_" + key);
        Object rightKey = row.getAs("r_" + key);
        if (row.getAs("l___present") == null) {
            return key + "=" + rightKey + ": only in the second result";
        }
        if (row.getAs("r___present") == null) {
            return key + "=" + leftKey + ": only in the first result";
        }
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            Object a = row.getAs("l_" + column);
            Object b = row.getAs("r_" + column);
            boolean equal;
            if (a instanceof Double x && b instanceof Double y) {
                equal = x.equals(y) || Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * tolerance;
            } else {
                equal = java.util.Objects.equals(a, b);
            }
            if (!equal) {
                parts.add(column + ": " + a + " vs " + b);
            }
        }
        return key + "=" + leftKey + ": " + String.join("; ", parts);
    }
}

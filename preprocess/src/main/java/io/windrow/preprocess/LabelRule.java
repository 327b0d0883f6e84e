package io.windrow.preprocess;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;
import java.util.Locale;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * How the raw label becomes 0/1. {@code cast}: the column's value must already be 0 or 1;
 * {@code threshold}: 1 when the numeric value is at least {@code threshold}, else 0;
 * {@code expression}: a Spark SQL expression over the row whose value (boolean or 0/1) is the
 * label. A NULL label is missing: dropped and counted, or kept as NULL for scoring
 * ({@link MissingLabel}). Any other value is outside the rule and fails the run.
 */
public record LabelRule(String column, Kind rule, double threshold, String expression, MissingLabel missing)
        implements Serializable {
    public enum Kind { CAST, THRESHOLD, EXPRESSION }

    public enum MissingLabel { DROP, KEEP }

    public LabelRule {
        requireNonNull(column, "column");
        requireNonNull(rule, "rule");
        requireNonNull(missing, "missing");
        expression = expression == null ? "" : expression;
        if (rule == Kind.EXPRESSION && expression.isBlank()) {
            throw new IllegalArgumentException("label rule 'expression' needs preprocess.label.expression");
        }
    }

    public static Kind parseKind(String text) {
        try {
            return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("label rule '" + text + "': expected cast, threshold or expression");
        }
    }

    public static MissingLabel parseMissing(String text) {
        try {
            return MissingLabel.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("label missing '" + text + "': expected drop or keep");
        }
    }

    /** What the rule reads: the label column, or the expression. */
    public String source() {
        return rule == Kind.EXPRESSION ? "expression '" + expression + "'" : "column '" + column + "'";
    }

    /** The raw value the rule reads (NULL = missing label). */
    public Column raw() {
        return rule == Kind.EXPRESSION ? expr(expression) : col(quote(column));
    }

    /** The raw value as a double; NULL where it is not numeric. */
    private Column numeric() {
        return raw().try_cast(DataTypes.DoubleType);
    }

    /** True where the raw value is present but the rule cannot turn it into 0/1. */
    public Column invalid() {
        Column value = numeric();
        Column bad = rule == Kind.THRESHOLD ? value.isNull() : value.isNull().or(value.notEqual(0.0).and(value.notEqual(1.0)));
        return raw().isNotNull().and(bad);
    }

    /** The 0/1 label as int, NULL when missing. */
    public Column label() {
        Column value = numeric();
        Column label = rule == Kind.THRESHOLD
                ? when(value.geq(lit(threshold)), lit(1)).when(value.isNotNull(), lit(0))
                : value.cast(DataTypes.IntegerType);
        return label;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

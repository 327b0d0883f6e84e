package io.windrow.preprocess.ml;

import io.windrow.preprocess.LabelRule;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Locale;

/**
 * The label rule of the fit ({@link LabelRule}): adds {@code label} (int 0/1, NULL when missing)
 * when the input has what the rule reads, and leaves scoring inputs without it unchanged. Rows are
 * neither dropped nor validated here; the preprocess run does that before fitting.
 */
public final class LabelColumn extends Transformer implements DefaultParamsWritable {
    /** The label column of transformed data. */
    public static final String LABEL = "label";
    private static final long serialVersionUID = 1L;
    private static final scala.reflect.ClassTag<String> STRING = scala.reflect.ClassTag$.MODULE$.apply(String.class);

    private final String uid;
    private final Param<String> column;
    private final Param<String> rule;
    private final DoubleParam threshold;
    private final Param<String> expression;
    private final Param<String> missing;

    public LabelColumn(String uid) {
        this.uid = uid;
        column = new Param<>(this, "column", "column holding the raw label (rules cast and threshold)", STRING);
        rule = new Param<>(this, "rule", "cast, threshold or expression", STRING);
        threshold = new DoubleParam(this, "threshold", "threshold of rule threshold");
        expression = new Param<>(this, "expression", "Spark SQL expression of rule expression", STRING);
        missing = new Param<>(this, "missing", "what the fit did with a NULL label: drop or keep", STRING);
    }

    public LabelColumn() {
        this(Identifiable.randomUID("windrowLabel"));
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> column() {
        return column;
    }

    public Param<String> rule() {
        return rule;
    }

    public DoubleParam threshold() {
        return threshold;
    }

    public Param<String> expression() {
        return expression;
    }

    public Param<String> missing() {
        return missing;
    }

    public LabelColumn setRule(LabelRule label) {
        set(column, label.column());
        set(rule, label.rule().name().toLowerCase(Locale.ROOT));
        set(threshold, label.threshold());
        set(expression, label.expression());
        set(missing, label.missing().name().toLowerCase(Locale.ROOT));
        return this;
    }

    public LabelRule getRule() {
        return new LabelRule($(column), LabelRule.parseKind($(rule)), (Double) $(threshold), $(expression),
                LabelRule.parseMissing($(missing)));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        LabelRule label = getRule();
        Dataset<Row> rows = dataset.toDF();
        return hasSource(rows, label) ? rows.withColumn(LABEL, label.label()) : rows;
    }

    /** Adds {@code label} when the label column is present; an expression's inputs are only known on a Dataset. */
    @Override
    public StructType transformSchema(StructType schema) {
        LabelRule label = getRule();
        boolean present = label.rule() != LabelRule.Kind.EXPRESSION && Arrays.asList(schema.fieldNames()).contains(label.column());
        return present ? schema.add(LABEL, DataTypes.IntegerType, true) : schema;
    }

    private static boolean hasSource(Dataset<Row> input, LabelRule label) {
        if (label.rule() != LabelRule.Kind.EXPRESSION) {
            return Arrays.asList(input.columns()).contains(label.column());
        }
        try {
            input.select(label.raw());
            return true;
        } catch (Exception e) {
            // Scala's AnalysisException is unchecked in Java's eyes: catch broadly, rethrow the rest.
            if (e instanceof AnalysisException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public LabelColumn copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<LabelColumn> read() {
        return new DefaultParamsReader<>();
    }

    public static LabelColumn load(String path) {
        return read().load(path);
    }
}

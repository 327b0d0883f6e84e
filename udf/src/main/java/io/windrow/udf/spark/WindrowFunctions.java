package io.windrow.udf.spark;

import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.aggregate.ScalaAggregator;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Registers every Windrow function (and alias) as a Spark SQL function of a session, for notebooks:
 * {@code topn_frequency(col, 3) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND
 * CURRENT ROW)} then gives OpenMLDB's result through {@link WindowStateAggregator}. The call is
 * typed when Spark resolves it (children are resolved by then), so one name serves every argument
 * type; the trailing constant arguments must be literals (foldable) and are evaluated once.
 *
 * <p>Names Spark already has ({@code count}, {@code sum}, {@code avg}, {@code min}, {@code max},
 * {@code lag}, {@code first_value}, {@code last_value}, {@code median}, ...) are registered as
 * {@code windrow_<name>} (e.g. {@code windrow_sum}, whose result keeps OpenMLDB's type), so that a
 * notebook's plain Spark SQL keeps Spark's builtins; {@link #register(SparkSession, boolean)} with
 * {@code replaceBuiltins} registers them under the plain names instead.
 */
public final class WindrowFunctions {
    private WindrowFunctions() {}

    /** Prefix of the functions whose OpenMLDB name is also a Spark builtin. */
    public static final String BUILTIN_PREFIX = "windrow_";

    /**
     * Registers the {@link FunctionRegistry#standard()} functions as temporary functions of
     * {@code spark}, keeping Spark's builtins (clashing names get the {@link #BUILTIN_PREFIX}).
     */
    public static void register(SparkSession spark) {
        register(spark, false);
    }

    /** As {@link #register(SparkSession)}; with {@code replaceBuiltins} the plain names replace Spark's. */
    public static void register(SparkSession spark, boolean replaceBuiltins) {
        register(spark, FunctionRegistry.standard(), replaceBuiltins);
    }

    /** The name a function gets in Spark: its own, or prefixed when it would hide a Spark builtin. */
    public static String sparkName(String name, boolean replaceBuiltins) {
        boolean builtin = org.apache.spark.sql.catalyst.analysis.FunctionRegistry.builtin()
                .functionExists(org.apache.spark.sql.catalyst.FunctionIdentifier.apply(name));
        return builtin && !replaceBuiltins ? BUILTIN_PREFIX + name : name;
    }

    public static void register(SparkSession spark, FunctionRegistry registry, boolean replaceBuiltins) {
        requireNonNull(spark, "spark");
        org.apache.spark.sql.classic.SparkSession classic = (org.apache.spark.sql.classic.SparkSession) spark;
        for (WindowFunction function : registry.all()) {
            List<String> names = new ArrayList<>();
            names.add(function.name());
            names.addAll(function.aliases());
            Function1<Seq<Expression>, Expression> builder = children -> build(function, children);
            for (String name : names) {
                classic.sessionState().functionRegistry()
                        .createOrReplaceTempFunction(sparkName(name, replaceBuiltins), builder, "java_udf");
            }
        }
    }

    private static Expression build(WindowFunction function, Seq<Expression> childSeq) {
        List<Expression> children = new ArrayList<>(CollectionConverters.asJava(childSeq));
        List<DataType> types = new ArrayList<>();
        children.forEach(child -> types.add(child.dataType()));
        int valueArity = function.valueArity(children.size());
        if (valueArity > children.size()) {
            throw new IllegalArgumentException(function.signature() + ": got " + children.size() + " arguments");
        }
        List<Object> constants = new ArrayList<>();
        for (Expression constant : children.subList(valueArity, children.size())) {
            if (!constant.foldable()) {
                throw new IllegalArgumentException(function.name() + ": argument " + constant.sql()
                        + " must be a constant (" + function.signature() + ")");
            }
            constants.add(CatalystTypeConverters.convertToScala(constant.eval(null), constant.dataType()));
        }
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < valueArity; i++) {
            fields.add(DataTypes.createStructField("v" + i, types.get(i), true));
        }
        WindowStateAggregator aggregator = new WindowStateAggregator(function, types, constants);
        Seq<Expression> valueChildren = CollectionConverters.asScala(children.subList(0, valueArity)).toList();
        return new ScalaAggregator<>(valueChildren, aggregator,
                ExpressionEncoder.apply(new StructType(fields.toArray(StructField[]::new))),
                org.apache.spark.sql.catalyst.encoders.package$.MODULE$.encoderFor(aggregator.bufferEncoder()),
                true, true, 0, 0, Option.apply(function.name()));
    }
}

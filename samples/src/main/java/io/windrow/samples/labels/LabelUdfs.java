package io.windrow.samples.labels;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Registers the label functions as Spark SQL functions on a session: the built-ins of
 * {@link LabelFunctions} and user {@link EventsFunction}s by class name.
 */
public final class LabelUdfs {
    private LabelUdfs() {}

    public static void registerBuiltins(SparkSession spark) {
        requireNonNull(spark, "spark");
        spark.udf().register("sum_over",
                (UDF2<String, String, Double>) (events, key) -> LabelFunctions.sumOver(SampleEvent.parse(events), key),
                DataTypes.DoubleType);
        spark.udf().register("min_over",
                (UDF2<String, String, Double>) (events, key) -> LabelFunctions.minOver(SampleEvent.parse(events), key),
                DataTypes.DoubleType);
        spark.udf().register("max_over",
                (UDF2<String, String, Double>) (events, key) -> LabelFunctions.maxOver(SampleEvent.parse(events), key),
                DataTypes.DoubleType);
        spark.udf().register("has_event",
                (UDF2<String, String, Long>) (events, type) -> LabelFunctions.hasEvent(SampleEvent.parse(events), type),
                DataTypes.LongType);
        spark.udf().register("count_over",
                (UDF2<String, String, Long>) (events, type) -> LabelFunctions.countOver(SampleEvent.parse(events), type),
                DataTypes.LongType);
    }

    /** Registers {@code name -> class name} user functions; a bad class fails naming its config key. */
    public static void registerUser(SparkSession spark, Map<String, String> classesByName) {
        for (Map.Entry<String, String> entry : classesByName.entrySet()) {
            EventsFunction function = instantiate(entry.getKey(), entry.getValue());
            spark.udf().register(entry.getKey(), (UDF1<String, Object>) events -> {
                if (events == null) {
                    return null;
                }
                return function.apply(SampleEvent.parse(events));
            }, function.resultType());
        }
    }

    static EventsFunction instantiate(String name, String className) {
        String key = "samples.udfs." + name;
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(key + ": class " + className + " not found on the classpath");
        }
        if (!EventsFunction.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(key + ": class " + className + " does not implement "
                    + EventsFunction.class.getName());
        }
        try {
            return (EventsFunction) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(key + ": cannot instantiate " + className
                    + " (needs a public no-argument constructor): " + e, e);
        }
    }
}

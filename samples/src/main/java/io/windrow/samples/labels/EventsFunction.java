package io.windrow.samples.labels;

import org.apache.spark.sql.types.DataType;

import java.io.Serializable;
import java.util.List;

/**
 * A user label function plugged in by class name ({@code samples.udfs { name = "com.acme.MyLabel" }}):
 * called as {@code name(events)} in label expressions. Implementations need a public no-argument
 * constructor and must be serializable (they run on executors).
 */
public interface EventsFunction extends Serializable {
    /** The Spark SQL type of {@link #apply}'s result (e.g. DataTypes.LongType for a Long). */
    DataType resultType();

    /** The label of one sample; {@code events} is never null (a NULL events column gives NULL). */
    Object apply(List<SampleEvent> events);
}

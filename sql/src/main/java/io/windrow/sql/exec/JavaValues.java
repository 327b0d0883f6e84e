package io.windrow.sql.exec;

import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import scala.Function1;

/**
 * Reads a run of value columns of Spark's internal rows as the Java objects window functions take
 * ({@code String}, {@code Timestamp}, boxed numbers); the columns around them are left as they are.
 */
final class JavaValues {
    private final DataType[] types;
    private final Function1<Object, Object>[] converters;

    @SuppressWarnings("unchecked")
    JavaValues(DataType[] types) {
        this.types = types.clone();
        this.converters = new Function1[types.length];
        for (int i = 0; i < types.length; i++) {
            converters[i] = CatalystTypeConverters.createToScalaConverter(types[i]);
        }
    }

    /** Columns {@code first} to {@code first + types - 1} of {@code row}, in a new array (NULL as null). */
    Object[] read(InternalRow row, int first) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            Object value = InternalRowOperator.valueAt(row, first + i, types[i]);
            values[i] = value == null ? null : converters[i].apply(value);
        }
        return values;
    }
}

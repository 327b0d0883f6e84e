package io.windrow.sql.request;

import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

import java.sql.Date;
import java.sql.Timestamp;

/**
 * Checks a row given to the engine against its table's DDL: the width, and each value's Java class
 * (Spark's external type for the column's type, or null). The row is copied, so a caller reusing
 * its array cannot change what the engine stored.
 */
final class InputRows {
    private InputRows() {}

    static Object[] checked(String table, StructType schema, Object[] row) {
        if (row == null) {
            throw new IllegalArgumentException(table + ": the row is null");
        }
        StructField[] fields = schema.fields();
        if (row.length != fields.length) {
            throw new IllegalArgumentException(table + ": a row has " + row.length + " values, the table has "
                    + fields.length + " columns");
        }
        for (int i = 0; i < fields.length; i++) {
            Object value = row[i];
            Class<?> expected = javaClass(fields[i].dataType());
            if (value != null && !expected.isInstance(value)) {
                throw new IllegalArgumentException(table + "." + fields[i].name() + ": expected "
                        + fields[i].dataType().simpleString() + " (" + expected.getSimpleName() + "), got "
                        + value.getClass().getSimpleName() + " " + value);
            }
        }
        return row.clone();
    }

    /** The class of a column's values; checked when the engine is built, so every column has one. */
    static Class<?> javaClass(DataType type) {
        if (type instanceof StringType) {
            return String.class;
        }
        if (type instanceof IntegerType) {
            return Integer.class;
        }
        if (type instanceof LongType) {
            return Long.class;
        }
        if (type instanceof ShortType) {
            return Short.class;
        }
        if (type instanceof DoubleType) {
            return Double.class;
        }
        if (type instanceof FloatType) {
            return Float.class;
        }
        if (type instanceof BooleanType) {
            return Boolean.class;
        }
        if (type instanceof TimestampType) {
            return Timestamp.class;
        }
        if (type instanceof DateType) {
            return Date.class;
        }
        return null;
    }
}

package io.windrow.udf.support;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The sum and count of the non-null values of a frame, removable from either end: integers summed
 * exactly in a long (narrowed to the argument type at the end, wrapping like OpenMLDB's C++),
 * floats and doubles in a {@link CompensatedSum} (OpenMLDB sums floats in float; Windrow sums in
 * double and rounds once, which is closer to the exact sum), timestamps as microseconds.
 */
public final class SumAccumulator {
    private final DataType type;
    private final boolean floating;
    private final CompensatedSum floatingSum;
    private long exactSum;
    private long count;
    private Object example;

    public SumAccumulator(DataType type) {
        this.type = type;
        this.floating = ArgumentTypes.isFloating(type);
        this.floatingSum = floating ? new CompensatedSum() : null;
    }

    /** Adds a non-null value. */
    public void add(Object value) {
        if (floating) {
            floatingSum.add(((Number) value).doubleValue());
        } else if (type.equals(DataTypes.TimestampType)) {
            exactSum += Temporal.micros(value);
            example = value;
        } else {
            exactSum += ((Number) value).longValue();
        }
        count++;
    }

    /** Removes a non-null value added before. */
    public void remove(Object value) {
        if (floating) {
            floatingSum.subtract(((Number) value).doubleValue());
        } else if (type.equals(DataTypes.TimestampType)) {
            exactSum -= Temporal.micros(value);
        } else {
            exactSum -= ((Number) value).longValue();
        }
        count--;
    }

    public long count() {
        return count;
    }

    /** The sum in the argument's type; null when no value is counted. */
    public Object sum() {
        if (count == 0) {
            return null;
        }
        if (type.equals(DataTypes.ShortType)) {
            return (short) exactSum;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return (int) exactSum;
        }
        if (type.equals(DataTypes.LongType)) {
            return exactSum;
        }
        if (type.equals(DataTypes.FloatType)) {
            return (float) floatingSum.value();
        }
        if (type.equals(DataTypes.DoubleType)) {
            return floatingSum.value();
        }
        return Temporal.timestampOfMicros(exactSum, example);
    }

    /** The mean as a double; null when no value is counted. */
    public Double average() {
        if (count == 0) {
            return null;
        }
        double total = floating ? floatingSum.value() : (double) exactSum;
        return total / count;
    }
}

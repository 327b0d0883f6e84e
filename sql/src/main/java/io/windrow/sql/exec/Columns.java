package io.windrow.sql.exec;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Internal column names and references; internal names never need quoting. */
public final class Columns {
    /** The input position of a row: orders the output and breaks ties (see {@link WindowGroupExec}). */
    public static final String POSITION = "__pos";
    public static final String TS = "__ts";
    public static final String FLAG = "__flag";
    public static final String SOURCE = "__src";

    private Columns() {}

    public static Column col(String name) {
        return functions.col("`" + name + "`");
    }

    /**
     * A time or integer value as the long that windows and as-of joins order by: epoch milliseconds
     * for timestamps, days for dates, the value itself for integers. Null for any other type.
     */
    public static Column epochMillis(Column value, DataType type) {
        if (type instanceof TimestampType) {
            return functions.unix_millis(value);
        }
        if (type instanceof TimestampNTZType) {
            return functions.unix_millis(value.cast(DataTypes.TimestampType));
        }
        if (type instanceof IntegralType) {
            return value.cast(DataTypes.LongType);
        }
        if (type instanceof DateType) {
            return functions.unix_date(value).cast(DataTypes.LongType);
        }
        return null;
    }
}

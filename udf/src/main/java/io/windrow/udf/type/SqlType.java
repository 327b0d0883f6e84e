package io.windrow.udf.type;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.Locale;
import java.util.Optional;

/**
 * The value types of the OpenMLDB dialect, the currency of the typed plan and of the function
 * catalogs. Each has one Spark type and one Java representation, the one Spark uses for external
 * values (so a value read from a {@code Row} or handed to a UDF needs no conversion):
 * BOOL Boolean, INT16 Short, INT32 Integer, INT64 Long, FLOAT Float, DOUBLE Double, STRING String,
 * TIMESTAMP java.sql.Timestamp (millisecond precision, as OpenMLDB), DATE java.sql.Date.
 * {@link #STRING_LIST} (Java {@code java.util.List<String>}, Spark {@code array<string>}) is the
 * value of OpenMLDB's {@code split} functions, consumed by {@code join}, {@code size}, {@code at};
 * no column or cast has it. {@link #NULL} is the type of an untyped NULL literal; it converts
 * implicitly to any other type.
 */
public enum SqlType {
    BOOL("bool", DataTypes.BooleanType),
    INT16("int16", DataTypes.ShortType),
    INT32("int32", DataTypes.IntegerType),
    INT64("int64", DataTypes.LongType),
    FLOAT("float", DataTypes.FloatType),
    DOUBLE("double", DataTypes.DoubleType),
    STRING("string", DataTypes.StringType),
    TIMESTAMP("timestamp", DataTypes.TimestampType),
    DATE("date", DataTypes.DateType),
    STRING_LIST("list<string>", DataTypes.createArrayType(DataTypes.StringType, true)),
    NULL("null", DataTypes.NullType);

    private final String sqlName;
    private final DataType sparkType;

    SqlType(String sqlName, DataType sparkType) {
        this.sqlName = sqlName;
        this.sparkType = sparkType;
    }

    /** OpenMLDB's name of the type, for messages and {@code explain}. */
    public String sqlName() {
        return sqlName;
    }

    public DataType sparkType() {
        return sparkType;
    }

    public boolean isIntegral() {
        return this == INT16 || this == INT32 || this == INT64;
    }

    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }

    public boolean isNumeric() {
        return isIntegral() || isFloating();
    }

    /** The type of a Spark column; empty for Spark types the dialect has no name for. */
    public static Optional<SqlType> of(DataType type) {
        for (SqlType candidate : values()) {
            if (candidate.sparkType.equals(type)) {
                return Optional.of(candidate);
            }
        }
        if (type.equals(DataTypes.TimestampNTZType)) {
            return Optional.of(TIMESTAMP);
        }
        if (type instanceof org.apache.spark.sql.types.ArrayType array
                && array.elementType().equals(DataTypes.StringType)) {
            return Optional.of(STRING_LIST);
        }
        return Optional.empty();
    }

    /**
     * A type by any of the names OpenMLDB's DDL, casts and case files use ({@code int}, {@code int32},
     * {@code bigint}, {@code smallint}, {@code bool}, {@code varchar}, ...), ignoring case.
     */
    public static Optional<SqlType> named(String name) {
        return Optional.ofNullable(switch (name.toLowerCase(Locale.ROOT)) {
            case "bool", "boolean" -> BOOL;
            case "smallint", "int16" -> INT16;
            case "int", "int32", "integer" -> INT32;
            case "bigint", "int64" -> INT64;
            case "float", "float32" -> FLOAT;
            case "double", "float64" -> DOUBLE;
            case "string", "varchar" -> STRING;
            case "timestamp" -> TIMESTAMP;
            case "date" -> DATE;
            case "null" -> NULL;
            default -> null;
        });
    }
}

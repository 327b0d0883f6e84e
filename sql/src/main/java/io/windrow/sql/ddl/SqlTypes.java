package io.windrow.sql.ddl;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.Locale;
import java.util.Optional;

/** OpenMLDB type names and their Spark types (int16/int32/int64 are aliases). */
public final class SqlTypes {
    private SqlTypes() {}

    public static Optional<DataType> sparkType(String openMldbType) {
        return Optional.ofNullable(switch (openMldbType.toLowerCase(Locale.ROOT)) {
            case "bool", "boolean" -> DataTypes.BooleanType;
            case "smallint", "int16" -> DataTypes.ShortType;
            case "int", "int32", "integer" -> DataTypes.IntegerType;
            case "bigint", "int64" -> DataTypes.LongType;
            case "float" -> DataTypes.FloatType;
            case "double" -> DataTypes.DoubleType;
            case "string", "varchar" -> DataTypes.StringType;
            case "timestamp" -> DataTypes.TimestampType;
            case "date" -> DataTypes.DateType;
            default -> null;
        });
    }

    /** The OpenMLDB name of a Spark type, for messages. */
    public static String name(DataType type) {
        if (type.equals(DataTypes.BooleanType)) {
            return "bool";
        } else if (type.equals(DataTypes.ShortType)) {
            return "smallint";
        } else if (type.equals(DataTypes.IntegerType)) {
            return "int";
        } else if (type.equals(DataTypes.LongType)) {
            return "bigint";
        } else if (type.equals(DataTypes.FloatType)) {
            return "float";
        } else if (type.equals(DataTypes.DoubleType)) {
            return "double";
        } else if (type.equals(DataTypes.StringType)) {
            return "string";
        } else if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
            return "timestamp";
        } else if (type.equals(DataTypes.DateType)) {
            return "date";
        }
        return type.simpleString();
    }
}

package io.windrow.sql.exec;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * Columns that a row-at-a-time operator only carries from its input to its output travel through
 * it as bytes: a string column is cast to binary before the operator and back after it. Spark
 * hands an operator's rows over as Java objects, and decoding every carried string into a
 * {@link String} and encoding it again cost more than the operator's own work.
 */
final class PassThrough {
    private PassThrough() {}

    /** The column as the operator carries it. */
    static Column encode(Column column, DataType type) {
        return type instanceof StringType ? column.cast(DataTypes.BinaryType) : column;
    }

    /** The type the operator sees for a column of {@code type}. */
    static DataType encodedType(DataType type) {
        return type instanceof StringType ? DataTypes.BinaryType : type;
    }

    /** The carried column back in its original type. */
    static Column decode(Column column, DataType original) {
        return original instanceof StringType ? column.cast(original) : column;
    }
}

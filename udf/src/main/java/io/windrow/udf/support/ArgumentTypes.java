package io.windrow.udf.support;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The argument type rules of OpenMLDB's aggregates, with errors that name the function: which
 * types may be summed, compared, used as a category key or as a condition.
 */
public final class ArgumentTypes {
    /** smallint, int, bigint. */
    public static final Set<DataType> INTEGRAL = Set.of(DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);
    /** smallint, int, bigint, float, double. */
    public static final Set<DataType> NUMERIC = Set.of(DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.FloatType, DataTypes.DoubleType);
    /** Types with an order: numbers, timestamp, date, string (OpenMLDB's min/max). */
    public static final Set<DataType> ORDERED = Set.of(DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.FloatType, DataTypes.DoubleType, DataTypes.TimestampType, DataTypes.DateType, DataTypes.StringType);
    /** Ordered types and bool: everything a frequency or distinct count can key on. */
    public static final Set<DataType> ANY = Set.of(DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.FloatType, DataTypes.DoubleType, DataTypes.TimestampType, DataTypes.DateType, DataTypes.StringType,
            DataTypes.BooleanType);
    /** Category keys of the {@code *_cate} family: no float, double or bool. */
    public static final Set<DataType> CATEGORY = Set.of(DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.TimestampType, DataTypes.DateType, DataTypes.StringType);

    private static final Set<DataType> BOOL = Set.of(DataTypes.BooleanType);

    private ArgumentTypes() {}

    /** Fails unless the call has exactly {@code count} arguments. */
    public static void requireCount(String function, List<DataType> types, int count) {
        if (types.size() != count) {
            throw new IllegalArgumentException(function + " takes " + count + " argument" + (count == 1 ? "" : "s")
                    + ", got " + types.size());
        }
    }

    /** Fails unless argument {@code index} (0-based) has one of {@code allowed}. */
    public static DataType require(String function, List<DataType> types, int index, Set<DataType> allowed,
            String what) {
        return require(function, types, index, allowed, () -> what);
    }

    /**
     * As {@link #require(String, List, int, Set, String)}, building the description only on failure
     * (states are created per partition key, each checking its types).
     */
    public static DataType require(String function, List<DataType> types, int index, Set<DataType> allowed,
            Supplier<String> what) {
        DataType type = types.get(index);
        if (!allowed.contains(type)) {
            throw new IllegalArgumentException(function + ": argument " + (index + 1) + " must be " + what.get()
                    + ", got " + type.sql());
        }
        return type;
    }

    /** Fails unless argument {@code index} is a bool condition. */
    public static void requireCondition(String function, List<DataType> types, int index) {
        require(function, types, index, BOOL, "a bool condition");
    }

    /** Fails unless argument {@code index} is an integer (the {@code n} of top-n functions). */
    public static void requireIntegerConstant(String function, List<DataType> types, int index) {
        require(function, types, index, INTEGRAL, "an integer constant");
    }

    /** The integer value of a constant argument, failing clearly on NULL or a non-integer. */
    public static int intConstant(String function, Object constant, String what) {
        if (constant instanceof Short || constant instanceof Integer || constant instanceof Long) {
            long value = ((Number) constant).longValue();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(function + ": " + what + " out of range: " + value);
            }
            return (int) value;
        }
        throw new IllegalArgumentException(function + ": " + what + " must be an integer constant, got " + constant);
    }

    /** The SQL names of some types, sorted, for messages. */
    public static String describe(Set<DataType> types) {
        return types.stream().map(DataType::sql).map(String::toLowerCase).sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public static boolean isFloating(DataType type) {
        return type.equals(DataTypes.FloatType) || type.equals(DataTypes.DoubleType);
    }
}

package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sum(value)}: the sum of the non-NULL values, in the argument's own type as in OpenMLDB
 * (sum of int is int, of float is float, of timestamp is timestamp); NULL when there are none.
 */
public final class Sum extends NamedFunction {
    static final Set<DataType> SUMMABLE;

    static {
        Set<DataType> types = new HashSet<>(ArgumentTypes.NUMERIC);
        types.add(DataTypes.TimestampType);
        SUMMABLE = Set.copyOf(types);
    }

    public Sum() {
        super("sum", List.of(), "sum(value) -> type of value",
                "sum of the non-NULL values (same type as the value; NULL when none)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        return ArgumentTypes.require(name(), argumentTypes, 0, SUMMABLE, "a number or timestamp");
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        return new SumState(resultType(argumentTypes), false);
    }
}

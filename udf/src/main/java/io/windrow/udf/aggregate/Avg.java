package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/** {@code avg(value)}: the mean of the non-NULL numeric values as double; NULL when there are none. */
public final class Avg extends NamedFunction {
    public Avg() {
        super("avg", List.of(), "avg(number) -> double", "mean of the non-NULL values (NULL when none)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.NUMERIC, "a number");
        return DataTypes.DoubleType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new SumState(argumentTypes.get(0), true);
    }
}

package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;

import java.util.List;

/**
 * {@code max(value)}: the largest non-NULL value (numbers, timestamps, dates, strings bytewise),
 * in the value's type; NULL when there is none.
 */
public final class Max extends NamedFunction {
    public Max() {
        super("max", List.of(), "max(value) -> type of value", "largest non-NULL value (NULL when none)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        return ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ORDERED,
                "a number, timestamp, date or string");
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new ExtremeState(true);
    }
}

package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;

import java.util.List;

/**
 * {@code min(value)} and {@code max(value)}: the smallest or largest non-NULL value (numbers,
 * timestamps, dates, strings bytewise), in the value's type; NULL when there is none.
 */
public final class Extreme extends NamedFunction {
    private final boolean maximum;

    private Extreme(String name, boolean maximum, String description) {
        super(name, List.of(), name + "(value) -> type of value", description);
        this.maximum = maximum;
    }

    public static Extreme min() {
        return new Extreme("min", false, "smallest non-NULL value (NULL when none)");
    }

    public static Extreme max() {
        return new Extreme("max", true, "largest non-NULL value (NULL when none)");
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
        return new ExtremeState(maximum);
    }
}

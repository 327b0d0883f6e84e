package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueDeque;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code drawdown(value)}: the largest relative fall from a running peak to a later value, in frame
 * order (oldest to newest), {@code max((peak - value) / peak)}; NULL values are skipped, NULL when
 * there are none, 0 when the values never fall. Peaks of 0 or below are skipped (no relative fall
 * from them). Computed over the frame when read (O(frame)): a later peak can be any row.
 */
public final class Drawdown extends NamedFunction {
    public Drawdown() {
        super("drawdown", List.of(), "drawdown(number) -> double",
                "largest relative fall (peak - value) / peak from a running peak, oldest to newest");
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
        return new State();
    }

    static final class State implements WindowState {
        private final ValueDeque values = new ValueDeque();

        @Override
        public void add(Object[] row) {
            if (row[0] != null) {
                values.addNewest(((Number) row[0]).doubleValue());
            }
        }

        @Override
        public void removeOldest(Object[] row) {
            if (row[0] != null) {
                values.removeOldest();
            }
        }

        @Override
        public void removeNewest(Object[] row) {
            if (row[0] != null) {
                values.removeNewest();
            }
        }

        @Override
        public Object result() {
            if (values.isEmpty()) {
                return null;
            }
            double peak = Double.NEGATIVE_INFINITY;
            double drawdown = 0;
            for (int i = 0; i < values.size(); i++) {
                double value = (Double) values.fromOldest(i);
                if (value > peak) {
                    peak = value;
                } else if (peak > 0) {
                    drawdown = Math.max(drawdown, (peak - value) / peak);
                }
            }
            return drawdown;
        }
    }
}

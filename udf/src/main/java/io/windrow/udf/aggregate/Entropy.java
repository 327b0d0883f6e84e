package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.FrequencyCounter;
import io.windrow.udf.support.FrequencyState;
import io.windrow.udf.support.NamedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code entropy(value)}: the Shannon entropy in bits of the non-NULL values,
 * {@code -sum(p * log2(p))} over the distinct values; NULL when there are none. The counts are kept
 * incrementally; the sum is taken over the distinct values when read (O(distinct)), with OpenMLDB's
 * formula, so a frame of one repeated value gives exactly 0.
 */
public final class Entropy extends NamedFunction {
    private static final double LN2 = Math.log(2);

    public Entropy() {
        super("entropy", List.of(), "entropy(value) -> double",
                "Shannon entropy (bits) of the non-NULL values (NULL when none)");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 1);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ANY, "a column");
        return DataTypes.DoubleType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        return new State();
    }

    static final class State extends FrequencyState {
        State() {
            super(FrequencyCounter.plain());
        }

        @Override
        public Object result() {
            if (counter().total() == 0) {
                return null;
            }
            double total = counter().total();
            double entropy = 0.0;
            for (int count : counter().countsOfKeys()) {
                double p = count / total;
                entropy -= p * (Math.log(p) / LN2);
            }
            return entropy;
        }
    }
}

package io.windrow.udf.aggregate;

import io.windrow.udf.WindowState;
import io.windrow.udf.support.ArgumentTypes;
import io.windrow.udf.support.FrequencyCounter;
import io.windrow.udf.support.FrequencyState;
import io.windrow.udf.support.NamedFunction;
import io.windrow.udf.support.ValueFormat;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * {@code topn_frequency(value, n)} (alias {@code fz_topn_frequency}): the n most frequent non-NULL
 * values, by count descending then value ascending, joined by {@code ,} and padded with
 * {@code NULL} to n entries; {@code ""} for an empty frame or n = 0. As in OpenMLDB, n is capped at
 * 1024 (a negative n means 1024), and a frame holding only NULLs still pads
 * ({@code NULL,NULL,NULL}). Values print as {@link ValueFormat} does.
 */
public final class TopNFrequency extends NamedFunction {
    static final int MAXIMUM_TOP_N = 1024;

    public TopNFrequency() {
        super("topn_frequency", List.of("fz_topn_frequency"), "topn_frequency(value, n) -> string",
                "the n most frequent values (ties by value ascending), comma-joined, padded with NULL");
    }

    @Override
    public int valueArity(int argumentCount) {
        return 1;
    }

    @Override
    public DataType resultType(List<DataType> argumentTypes) {
        ArgumentTypes.requireCount(name(), argumentTypes, 2);
        ArgumentTypes.require(name(), argumentTypes, 0, ArgumentTypes.ORDERED, "a number, timestamp, date or string");
        ArgumentTypes.requireIntegerConstant(name(), argumentTypes, 1);
        return DataTypes.StringType;
    }

    @Override
    public WindowState newState(List<DataType> argumentTypes, List<Object> constants) {
        resultType(argumentTypes);
        int n = ArgumentTypes.intConstant(name(), constants.get(0), "n");
        return new State(n < 0 || n > MAXIMUM_TOP_N ? MAXIMUM_TOP_N : n);
    }

    static final class State extends FrequencyState {
        private final int n;

        State(int n) {
            super(FrequencyCounter.ranked());
            this.n = n;
        }

        @Override
        public Object result() {
            if (rows() == 0 || n == 0) {
                return "";
            }
            List<Object> keys = counter().mostFrequent(n);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(i < keys.size() ? ValueFormat.format(keys.get(i)) : "NULL");
            }
            return out.toString();
        }
    }
}

package io.windrow.udf.spark;

import io.windrow.udf.WindowFunction;
import io.windrow.udf.WindowState;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One generic Spark {@link Aggregator} over any {@link WindowFunction}: it buffers the rows' value
 * arguments ({@link FrameRows}) and, at the end, replays them into a fresh {@link WindowState}, so a
 * notebook query gets exactly the result Windrow's window operator computes. The constant arguments
 * (the {@code n} of {@code topn_frequency}) are fixed when the call is resolved. {@code merge}
 * concatenates, so the function also works in GROUP BY for order-insensitive aggregates.
 */
public final class WindowStateAggregator extends Aggregator<Row, FrameRows, Object> {
    private static final long serialVersionUID = 1L;

    private final WindowFunction function;
    private final ArrayList<DataType> argumentTypes;
    private final ArrayList<Object> constants;
    private final int valueArity;
    private final DataType resultType;

    public WindowStateAggregator(WindowFunction function, List<DataType> argumentTypes, List<Object> constants) {
        this.function = requireNonNull(function, "function");
        this.argumentTypes = new ArrayList<>(argumentTypes);
        this.constants = new ArrayList<>(constants);
        this.valueArity = function.valueArity(argumentTypes.size());
        this.resultType = function.resultType(argumentTypes);
        // Fail at resolution, not in a task, when the constants are wrong.
        function.newState(argumentTypes, constants);
    }

    public DataType resultType() {
        return resultType;
    }

    @Override
    public FrameRows zero() {
        return new FrameRows();
    }

    @Override
    public FrameRows reduce(FrameRows buffer, Row row) {
        Object[] values = new Object[valueArity];
        for (int i = 0; i < valueArity; i++) {
            values[i] = row.get(i);
        }
        buffer.add(values);
        return buffer;
    }

    @Override
    public FrameRows merge(FrameRows left, FrameRows right) {
        left.addAll(right);
        return left;
    }

    @Override
    public Object finish(FrameRows buffer) {
        WindowState state = function.newState(argumentTypes, constants);
        for (Object[] row : buffer.rows()) {
            state.add(row);
        }
        return state.result();
    }

    @Override
    public Encoder<FrameRows> bufferEncoder() {
        return Encoders.javaSerialization(FrameRows.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Encoder<Object> outputEncoder() {
        return (Encoder<Object>) encoderOf(resultType);
    }

    static Encoder<?> encoderOf(DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return Encoders.STRING();
        }
        if (type.equals(DataTypes.LongType)) {
            return Encoders.LONG();
        }
        if (type.equals(DataTypes.DoubleType)) {
            return Encoders.DOUBLE();
        }
        if (type.equals(DataTypes.IntegerType)) {
            return Encoders.INT();
        }
        if (type.equals(DataTypes.ShortType)) {
            return Encoders.SHORT();
        }
        if (type.equals(DataTypes.FloatType)) {
            return Encoders.FLOAT();
        }
        if (type.equals(DataTypes.BooleanType)) {
            return Encoders.BOOLEAN();
        }
        if (type.equals(DataTypes.TimestampType)) {
            return Encoders.TIMESTAMP();
        }
        if (type.equals(DataTypes.DateType)) {
            return Encoders.DATE();
        }
        throw new IllegalArgumentException("no Spark encoder for result type " + type.sql());
    }
}

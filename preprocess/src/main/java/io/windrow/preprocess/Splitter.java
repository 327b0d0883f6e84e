package io.windrow.preprocess;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Assigns each row to train (0), val (1) or test (2) in a column {@value #SPLIT}. By time, the
 * cut points are the time column's (approximate) quantiles at train and train + val, so every
 * training row is earlier than every validation row and so on; rows without a time are dropped
 * and counted. By hash, the key's Spark xxhash64 picks the split, so one key's rows stay together.
 */
public final class Splitter {
    public static final String SPLIT = "_split";
    public static final List<String> NAMES = List.of("train", "val", "test");
    private static final String TIME = "_split_time";
    private static final int HASH_RESOLUTION = 1_000_000;

    private Splitter() {}

    /** The split rows and how many rows were dropped for lacking a split time. */
    public record Result(Dataset<Row> rows, long droppedWithoutTime, double[] timeCutoffs) {}

    public static Result split(Dataset<Row> input, SplitOptions options) {
        requireNonNull(input, "input");
        requireNonNull(options, "options");
        if (options.by() == SplitOptions.By.HASH) {
            requireColumn(input, options.hashKey(), "split hash-key");
            Column bucket = pmod(xxhash64(col(quote(options.hashKey()))), lit(HASH_RESOLUTION));
            long trainEnd = Math.round(options.train() * HASH_RESOLUTION);
            long valEnd = Math.round((options.train() + options.val()) * HASH_RESOLUTION);
            Column split = when(bucket.lt(trainEnd), lit(0)).when(bucket.lt(valEnd), lit(1)).otherwise(lit(2));
            return new Result(input.withColumn(SPLIT, split), 0, new double[0]);
        }
        StructField column = requireColumn(input, options.timeColumn(), "split time-column");
        Column time = timeValue(column);
        Dataset<Row> timed = input.withColumn(TIME, time);
        long withoutTime = timed.filter(col(TIME).isNull()).count();
        timed = timed.filter(col(TIME).isNotNull());
        double[] cutoffs = timed.stat().approxQuantile(TIME,
                new double[] {options.train(), options.train() + options.val()}, options.relativeError());
        if (cutoffs.length < 2) {
            throw new IllegalArgumentException("split: time column '" + options.timeColumn() + "' has no values");
        }
        double trainEnd = cutoffs[0];
        double valEnd = Math.max(cutoffs[0], cutoffs[1]);
        Column split;
        if (options.val() + options.test() == 0) {
            split = lit(0);
        } else {
            // Quantile q of the times: rows strictly before it train, so ties never straddle splits.
            split = when(col(TIME).lt(trainEnd), lit(0))
                    .when(col(TIME).lt(valEnd).or(lit(options.test() == 0)), lit(1))
                    .otherwise(lit(2));
        }
        return new Result(timed.withColumn(SPLIT, split).drop(TIME), withoutTime, Arrays.copyOf(cutoffs, 2));
    }

    private static Column timeValue(StructField column) {
        DataType type = column.dataType();
        Column value = col(quote(column.name()));
        if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
            return unix_millis(value.cast(DataTypes.TimestampType)).cast(DataTypes.DoubleType);
        }
        if (type.equals(DataTypes.DateType)) {
            return unix_date(value).cast(DataTypes.DoubleType);
        }
        if (FieldValues.isNumeric(type.simpleString())) {
            return value.cast(DataTypes.DoubleType);
        }
        throw new IllegalArgumentException("split time-column '" + column.name() + "' has type " + type.simpleString()
                + "; expected a timestamp, date or number");
    }

    private static StructField requireColumn(Dataset<Row> input, String name, String what) {
        for (StructField field : input.schema().fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException(what + " '" + name + "' is missing from the input");
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

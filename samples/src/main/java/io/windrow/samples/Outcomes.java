package io.windrow.samples;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The pieces both modes share around {@link SampleAssembler}: the encoders, the grouping key, the
 * outcome rows of bad input (so every count flows through one table), and the sample rows written out.
 */
public final class Outcomes {
    public static final Encoder<KeyedInput> INPUT = Encoders.bean(KeyedInput.class);
    public static final Encoder<KeyOutcome> OUTCOME = Encoders.bean(KeyOutcome.class);
    /** The sample table's columns before the labels, in output order. */
    public static final List<String> SAMPLE_COLUMNS = List.of("request_id", "item_id", "user_id", "exposure_time", "events");
    /** The columns after the labels. */
    public static final List<String> TAIL_COLUMNS = List.of("features", "request_time");

    private Outcomes() {}

    /** The grouping key: request id and item id, separated by a character ids do not contain. */
    public static MapFunction<KeyedInput, String> key() {
        return row -> row.getRequestId() + '\u0000' + row.getItemId();
    }

    /** Batch: every key's outcome. */
    public static Dataset<KeyOutcome> assemble(Dataset<Row> goodRows, SampleAssembler assembler) {
        Dataset<KeyedInput> typed = goodRows.drop(InputNormalizer.STATUS).as(INPUT);
        FlatMapGroupsFunction<String, KeyedInput, KeyOutcome> perKey = (key, rows) -> {
            int split = key.indexOf('\u0000');
            return List.of(assembler.assemble(key.substring(0, split), key.substring(split + 1), rows)).iterator();
        };
        return typed.groupByKey(key(), Encoders.STRING()).flatMapGroups(perKey, OUTCOME);
    }

    /** Bad input rows as outcome rows of kind {@code bad_<source>_<status>}, counted like the rest. */
    public static Dataset<KeyOutcome> badRows(Dataset<Row> badRows) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : OUTCOME.schema().fields()) {
            Column value = switch (field.name()) {
                case "kind" -> concat(lit("bad_"), col("source"), lit("_"), col(InputNormalizer.STATUS));
                case "requestId", "itemId", "userId", "features" -> col(field.name());
                case "inputEvents" -> when(col("source").equalTo(KeyedInput.EVENT), lit(1L)).otherwise(lit(0L));
                case "logRows" -> when(col("source").equalTo(KeyedInput.LOG), lit(1L)).otherwise(lit(0L));
                default -> field.dataType().typeName().equals("boolean") ? lit(false)
                        : field.dataType().typeName().equals("long") ? lit(0L) : lit(null);
            };
            columns.add(value.cast(field.dataType()).as(field.name()));
        }
        return badRows.select(columns.toArray(Column[]::new)).as(OUTCOME);
    }

    /** The sample rows of the outcomes (inner join unless unmatched samples are kept), output-named. */
    public static Dataset<Row> samples(Dataset<Row> outcomes, JoinBounds join) {
        Column keep = col("kind").equalTo(KeyOutcome.SAMPLE);
        if (!join.keepUnmatched()) {
            keep = keep.and(col("joined"));
        }
        return outcomes.filter(keep).select(
                col("requestId").as("request_id"),
                col("itemId").as("item_id"),
                col("userId").as("user_id"),
                col("exposureTime").as("exposure_time"),
                col("events"),
                col("features"),
                col("requestTime").as("request_time"));
    }

    /** Orders the labelled sample columns: key, user, exposure time, events, labels, features, request time. */
    public static Dataset<Row> outputColumns(Dataset<Row> labelled, List<String> labels) {
        List<Column> columns = new ArrayList<>();
        SAMPLE_COLUMNS.forEach(c -> columns.add(col(c)));
        labels.forEach(l -> columns.add(col("`" + l + "`")));
        TAIL_COLUMNS.forEach(c -> columns.add(col(c)));
        return labelled.select(columns.toArray(Column[]::new));
    }
}

package io.windrow.samples;

import io.windrow.samples.labels.LabelExpressions;
import io.windrow.samples.labels.LabelUdfs;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

/**
 * The samples job on Spark Structured Streaming: JSON events (and feature log rows) from Kafka,
 * one stateful operator ({@code flatMapGroupsWithState} with event-time timers) that keeps each
 * (request_id, item_id) key until the watermark passes the end of its wait and join window and
 * then builds its sample with the same {@link SampleAssembler} as the batch job, labels added per
 * micro-batch, written to parquet (one folder per batch id, rewritten on replay: exactly once) or
 * Kafka (at least once). Bad messages are counted and skipped; a poison message never stops the
 * query. Rows older than the watermark are dropped by Spark and counted as {@code late_rows_dropped}.
 */
public final class StreamingSamples {
    private final SparkSession spark;
    private final SamplesSpec spec;
    private final StreamingSpec streaming;
    private final LabelExpressions labels;
    private final SampleMetrics metrics = new SampleMetrics();

    public StreamingSamples(SparkSession spark, SamplesSpec spec, StreamingSpec streaming) {
        this.spark = requireNonNull(spark, "spark");
        this.streaming = requireNonNull(streaming, "streaming");
        this.spec = streaming.featureLogTopic().isBlank() ? spec.withoutFeatureLog() : requireNonNull(spec, "spec");
        this.labels = new LabelExpressions(spec.labels());
    }

    /** Starts the query; the caller waits for it (awaitTermination / processAllAvailable) and stops it. */
    public StreamingQuery start() throws TimeoutException {
        LabelUdfs.registerBuiltins(spark);
        LabelUdfs.registerUser(spark, spec.udfs());
        SampleAssembler assembler = spec.assembler();
        InputNormalizer normalizer = new InputNormalizer(spec);
        Column now = spec.nowMillis() > 0 ? lit(spec.nowMillis()) : unix_millis(current_timestamp());

        Dataset<Row> rows = normalizer.events(parse(kafka(streaming.eventsTopic()), eventColumns()), now);
        if (spec.featureLog().isPresent()) {
            rows = rows.unionByName(normalizer.featureLog(parse(kafka(streaming.featureLogTopic()), logColumns())));
        }
        Dataset<KeyOutcome> keyed = rows.filter(col(InputNormalizer.STATUS).equalTo(InputNormalizer.OK))
                .drop(InputNormalizer.STATUS)
                .withWatermark("ts", streaming.watermarkDelaySecs() + " seconds")
                .as(Outcomes.INPUT)
                .groupByKey(Outcomes.key(), Encoders.STRING())
                .flatMapGroupsWithState(new PerKey(assembler), OutputMode.Append(), Encoders.bean(KeyState.class),
                        Outcomes.OUTCOME, GroupStateTimeout.EventTimeTimeout());
        Dataset<KeyOutcome> bad = Outcomes.badRows(rows.filter(col(InputNormalizer.STATUS).notEqual(InputNormalizer.OK)));

        return keyed.union(bad).writeStream()
                .outputMode(OutputMode.Append())
                .option("checkpointLocation", streaming.checkpoint())
                .trigger(streaming.availableNow() ? Trigger.AvailableNow() : Trigger.ProcessingTime(streaming.trigger()))
                .foreachBatch((VoidFunction2<Dataset<KeyOutcome>, Long>) this::writeBatch)
                .start();
    }

    /**
     * Figures since {@link #start}: the batch job's counts plus late_rows_dropped (rows the stateful
     * operator dropped as older than the watermark, over the query's recent progress reports).
     */
    public Map<String, Object> metrics(StreamingQuery query) {
        Map<String, Object> figures = metrics.finish(labels.names());
        long late = 0;
        for (StreamingQueryProgress progress : query.recentProgress()) {
            for (StateOperatorProgress operator : progress.stateOperators()) {
                late += operator.numRowsDroppedByWatermark();
            }
        }
        figures.put("late_rows_dropped", late);
        return figures;
    }

    public List<String> labelNames() {
        return labels.names();
    }

    private void writeBatch(Dataset<KeyOutcome> batch, Long batchId) {
        Dataset<Row> outcomes = batch.toDF().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> samples = Outcomes.outputColumns(labels.apply(Outcomes.samples(outcomes, spec.join())), labels.names());
            metrics.add(outcomes, samples, labels.names());
            if (streaming.sink() == StreamingSpec.Sink.PARQUET) {
                // One folder per batch id, replaced when a restarted query replays the batch.
                samples.write().mode("overwrite").parquet(streaming.sinkPath() + "/batch_id=" + batchId);
            } else {
                samples.selectExpr("concat(request_id, ':', item_id) AS key", "to_json(struct(*)) AS value")
                        .write().format("kafka")
                        .option("kafka.bootstrap.servers", streaming.bootstrapServers())
                        .option("topic", streaming.sinkTopic())
                        .save();
            }
        } finally {
            outcomes.unpersist();
        }
    }

    private Dataset<Row> kafka(String topic) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", streaming.bootstrapServers())
                .option("subscribe", topic)
                .option("startingOffsets", streaming.startingOffsets())
                .option("failOnDataLoss", "false")
                .load()
                .selectExpr("CAST(value AS STRING) AS value");
    }

    /** Parses JSON objects into string columns; a message that is not JSON fills _corrupt_record. */
    static Dataset<Row> parse(Dataset<Row> messages, Set<String> columns) {
        StructType schema = new StructType();
        for (String column : columns) {
            schema = schema.add(column, DataTypes.StringType);
        }
        schema = schema.add(InputNormalizer.CORRUPT, DataTypes.StringType);
        return messages.select(from_json(col("value"), schema,
                        Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", InputNormalizer.CORRUPT)).as("m"))
                .select("m.*");
    }

    private Set<String> eventColumns() {
        Set<String> columns = new LinkedHashSet<>();
        spec.input().requiredColumns().forEach(keyAndColumn -> columns.add(keyAndColumn[1]));
        return columns;
    }

    private Set<String> logColumns() {
        Set<String> columns = new LinkedHashSet<>();
        spec.featureLog().orElseThrow().requiredColumns().forEach(keyAndColumn -> columns.add(keyAndColumn[1]));
        return columns;
    }

    /** Buffers a key's rows and emits its outcome when the watermark passes the key's deadline. */
    static final class PerKey implements FlatMapGroupsWithStateFunction<String, KeyedInput, KeyState, KeyOutcome> {
        private final SampleAssembler assembler;

        PerKey(SampleAssembler assembler) {
            this.assembler = assembler;
        }

        @Override
        public Iterator<KeyOutcome> call(String key, Iterator<KeyedInput> rows, GroupState<KeyState> state) {
            int split = key.indexOf('\u0000');
            String requestId = key.substring(0, split);
            String itemId = key.substring(split + 1);
            if (state.hasTimedOut()) {
                KeyState done = state.get();
                state.remove();
                return List.of(assembler.assemble(requestId, itemId, done.getEvents(), done.getLogs())).iterator();
            }
            KeyState current = state.exists() ? state.get() : new KeyState();
            List<KeyedInput> events = new ArrayList<>(current.getEvents());
            List<KeyedInput> logs = new ArrayList<>(current.getLogs());
            rows.forEachRemaining(row -> (row.isEvent() ? events : logs).add(row));
            current.setEvents(events);
            current.setLogs(logs);
            state.update(current);
            long deadline = assembler.finalAfter(events, logs);
            state.setTimeoutTimestamp(Math.max(deadline, state.getCurrentWatermarkMs()));
            return List.<KeyOutcome>of().iterator();
        }
    }
}

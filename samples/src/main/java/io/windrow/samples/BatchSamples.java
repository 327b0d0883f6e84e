package io.windrow.samples;

import io.windrow.samples.labels.LabelExpressions;
import io.windrow.samples.labels.LabelUdfs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The batch samples job: events table (+ optional feature log table) in, labelled samples out.
 * Step 1 and 3 (events per key, log row choice, time-bounded join) run in {@link SampleAssembler}
 * per key; step 2 adds the label columns. The outcome table is cached once so that the figures
 * and the written samples come from the same computation.
 */
public final class BatchSamples {
    private final SparkSession spark;
    private final SamplesSpec configured;

    public BatchSamples(SparkSession spark, SamplesSpec spec) {
        this.spark = requireNonNull(spark, "spark");
        this.configured = requireNonNull(spec, "spec");
    }

    /** A run's result: the labelled samples (lazy; cached outcomes underneath) and its figures. */
    public record Result(Dataset<Row> samples, Map<String, Object> metrics, List<String> labels, Dataset<KeyOutcome> outcomes) {
        /** Frees the cached outcome table once the samples are written. */
        public void release() {
            outcomes.unpersist();
        }
    }

    public Result run(Dataset<Row> events, Optional<Dataset<Row>> featureLog) {
        requireNonNull(events, "events");
        SamplesSpec spec = featureLog.isPresent() ? configured : configured.withoutFeatureLog();
        LabelUdfs.registerBuiltins(spark);
        LabelUdfs.registerUser(spark, spec.udfs());
        LabelExpressions labels = new LabelExpressions(spec.labels());
        long now = spec.nowMillis() > 0 ? spec.nowMillis() : System.currentTimeMillis();

        InputNormalizer normalizer = new InputNormalizer(spec);
        Dataset<Row> rows = normalizer.events(events, lit(now));
        if (featureLog.isPresent()) {
            rows = rows.unionByName(normalizer.featureLog(featureLog.get()));
        }
        Dataset<Row> good = rows.filter(col(InputNormalizer.STATUS).equalTo(InputNormalizer.OK));
        Dataset<Row> bad = rows.filter(col(InputNormalizer.STATUS).notEqual(InputNormalizer.OK));
        Dataset<KeyOutcome> outcomes = Outcomes.assemble(good, spec.assembler()).union(Outcomes.badRows(bad))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> outcomeRows = outcomes.toDF();
        if (spec.badInput() == SamplesSpec.BadInputPolicy.FAIL) {
            failOnBadInput(outcomeRows);
        }
        Dataset<Row> samples = Outcomes.outputColumns(labels.apply(Outcomes.samples(outcomeRows, spec.join())), labels.names());
        SampleMetrics metrics = new SampleMetrics();
        metrics.add(outcomeRows, samples, labels.names());
        return new Result(samples, metrics.finish(labels.names()), labels.names(), outcomes);
    }

    private static void failOnBadInput(Dataset<Row> outcomes) {
        List<Row> bad = outcomes.filter(col("kind").startsWith("bad_"))
                .groupBy("kind").count().orderBy("kind").collectAsList();
        if (bad.isEmpty()) {
            return;
        }
        Row example = outcomes.filter(col("kind").startsWith("bad_")).orderBy("kind", "requestId", "itemId").first();
        StringBuilder text = new StringBuilder("bad input rows (samples.bad-input = fail):");
        for (Row row : bad) {
            text.append(' ').append(row.getString(0)).append('=').append(row.getLong(1));
        }
        text.append("; e.g. ").append(example.getAs("kind").toString()).append(" at request_id=")
                .append((Object) example.getAs("requestId")).append(", item_id=").append((Object) example.getAs("itemId"));
        throw new IllegalArgumentException(text.toString());
    }
}

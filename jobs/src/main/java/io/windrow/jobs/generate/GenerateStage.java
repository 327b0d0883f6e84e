package io.windrow.jobs.generate;

import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.output.StageOutput;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code generate} stage: writes synthetic JD purchase-intent data (the six tables of
 * ../shared/jd-sample/create_tables.sql plus the side table {@code truth}) as parquet under
 * {@code generate.output}/TABLE, at 10^3 to 10^8 requests, deterministic for a seed. Labels follow
 * the {@link PlantedModel}. Records rows per table and the positive rate in {@code _metrics.json}.
 */
public final class GenerateStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new GenerateStage(), args);
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String description() {
        return "write synthetic JD tables (action, flattenRequest, bo_*) with planted labels as parquet";
    }

    @Override
    public StageResult run(StageContext context) {
        GeneratorSettings settings = GeneratorSettings.from(context.stageConfig());
        SparkSession spark = context.spark();
        StageOutput output = context.openOutput(context.stageConfig().getString("output"));
        Map<String, Long> rows = new JdGenerator(spark, settings).writeAll(output.stagingPath());
        Row labels = spark.read().parquet(output.stagingPath(JdTables.ACTION))
                .agg(functions.sum("actionValue"), functions.count("actionValue")).first();
        double positiveRate = labels.getLong(0) / (double) labels.getLong(1);
        double meanProbability = spark.read().parquet(output.stagingPath(JdTables.TRUTH))
                .agg(functions.avg("probability")).first().getDouble(0);
        output.metric("requests", settings.requests()).metric("seed", settings.seed());
        rows.forEach((table, count) -> output.metric("rows_" + table, count));
        output.metric("rows_out", rows.entrySet().stream().filter(e -> !e.getKey().equals(JdTables.TRUTH))
                .mapToLong(Map.Entry::getValue).sum());
        output.metric("positives", labels.getLong(0));
        output.metric("positive_rate", round(positiveRate));
        output.metric("mean_true_probability", round(meanProbability));
        String summary = rows.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return new StageResult(String.format(Locale.ROOT, "rows %s; positive rate %.2f%% -> %s",
                summary, 100 * positiveRate, output.path()));
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

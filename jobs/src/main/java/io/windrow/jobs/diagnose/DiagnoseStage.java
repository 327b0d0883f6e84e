package io.windrow.jobs.diagnose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.config.StageConfig;
import io.windrow.jobs.output.StageOutput;
import io.windrow.samples.diagnose.DiagnoseReport;
import io.windrow.samples.diagnose.DiagnoseSpec;
import io.windrow.samples.diagnose.Diagnosis;
import io.windrow.samples.diagnose.HtmlReport;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The {@code diagnose} stage: compares two sample or feature tables on a key (streaming vs batch
 * samples, features logged online vs recomputed offline) and writes report.json and a
 * self-contained report.html. When a configured threshold is exceeded the report is still
 * committed, then the stage fails (exit 1) so a nightly run stops on skew.
 */
public final class DiagnoseStage implements Stage {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) {
        StageMain.main(new DiagnoseStage(), args);
    }

    @Override
    public String name() {
        return "diagnose";
    }

    @Override
    public String description() {
        return "compare two sample/feature tables on a key: counts, join and positive rates, per-feature skew; HTML report";
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        Config config = context.stageConfig();
        DiagnoseSpec spec = DiagnoseSpec.fromConfig(config);
        Dataset<Row> left = read(context, config.getString("left"), "diagnose.left");
        Dataset<Row> right = read(context, config.getString("right"), "diagnose.right");
        StageOutput output = context.openOutput(config.getString("output"));
        DiagnoseReport report = new Diagnosis(spec).compare(left, right);
        write(context, output.stagingPath("report.json"), JSON.writeValueAsString(report));
        write(context, output.stagingPath("report.html"), HtmlReport.render(report));
        output.metric("left_rows", report.leftRows()).metric("right_rows", report.rightRows())
                .metric("both_keys", report.bothKeys()).metric("only_left_keys", report.onlyLeftKeys())
                .metric("only_right_keys", report.onlyRightKeys()).metric("only_one_side_rate", report.onlyOneSideRate())
                .metric("features_compared", report.features().size())
                .metric("features_with_mismatch", report.features().stream().filter(f -> f.mismatch() > 0).count())
                .metric("violations", report.violations());
        String summary = String.format(Locale.ROOT, "%d vs %d rows, %d keys on both sides, %d features (%d with mismatches)",
                report.leftRows(), report.rightRows(), report.bothKeys(), report.features().size(),
                report.features().stream().filter(f -> f.mismatch() > 0).count());
        if (!report.violations().isEmpty()) {
            // Keep the report for whoever investigates, then fail the run.
            output.commit(StageConfig.render(context.config(), List.of("windrow", name())));
            throw new io.windrow.jobs.InputDataException("thresholds exceeded: " + String.join("; ", report.violations())
                    + " (report: " + output.path() + "/report.html)");
        }
        return new StageResult(summary + " -> " + output.path() + "/report.html");
    }

    private static Dataset<Row> read(StageContext context, String path, String key) {
        try {
            Path p = new Path(path);
            if (!p.getFileSystem(context.hadoopConf()).exists(p)) {
                throw new WindrowException(key + ": no table at " + path);
            }
        } catch (IOException e) {
            throw new WindrowException(key + ": cannot check " + path + ": " + e.getMessage(), e);
        }
        return context.spark().read().parquet(path);
    }

    private static void write(StageContext context, String path, String text) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(context.hadoopConf());
        try (FSDataOutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}

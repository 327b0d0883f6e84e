package io.windrow.jobs.explain;

import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.jobs.WindrowException;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.jobs.features.FeaturesStage;
import io.windrow.sql.parser.Parser;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/windrow explain}: prints the typed plan of the {@code features} stage's SQL over the
 * tables its DDL declares (the same {@code features.sql} and {@code features.ddl} keys): window
 * groups with frames, partition and order keys, shuffles, LAST JOIN strategies and the output
 * schema with types. Starts no Spark and reads no data, so table sizes are unknown and no LAST JOIN
 * shows as broadcast ({@code FeatureEngine#explain} over loaded tables shows it).
 */
public final class ExplainStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new ExplainStage(), args);
    }

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String description() {
        return "print the typed plan of features.sql over features.ddl (window groups, shuffles, LAST JOINs, "
                + "output types) without running it";
    }

    @Override
    public boolean needsSpark() {
        return false;
    }

    @Override
    public List<String> configSections() {
        return List.of("features");
    }

    @Override
    public StageResult run(StageContext context) {
        Config config = context.config().getConfig("features");
        String ddlPath = config.getString("ddl");
        String sqlPath = config.getString("sql");
        Map<String, StructType> schemas = new LinkedHashMap<>();
        try {
            for (TableDefinition table : DdlParser.parse(readText(context, ddlPath)).values()) {
                schemas.put(table.name(), table.schema());
            }
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.ddl " + ddlPath + ": " + e.getMessage(), e);
        }
        String plan;
        try {
            String sql = readText(context, sqlPath);
            plan = FeatureEngine.explain(Parser.parseScript(sql, FeaturesStage.parameters(config)).query(), schemas, FeatureEngine.standardFunctions());
        } catch (IllegalArgumentException e) {
            throw new WindrowException("features.sql " + sqlPath + ": " + e.getMessage(), e);
        }
        System.out.print(plan);
        System.out.flush();
        return new StageResult("plan of " + sqlPath);
    }

    private static String readText(StageContext context, String location) {
        try {
            Path path = new Path(location);
            try (FSDataInputStream in = path.getFileSystem(context.hadoopConf()).open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new WindrowException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}

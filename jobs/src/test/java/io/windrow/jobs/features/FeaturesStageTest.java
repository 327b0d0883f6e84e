package io.windrow.jobs.features;

import io.windrow.testing.TestSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.output.StageOutput;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage end to end through StageMain on tiny CSV tables: an OpenMLDB script (USE, SET, INTO
 * OUTFILE), an empty table from the DDL, CSV output with a header and `null`, metrics with the
 * rows dropped for a NULL order key, and a clear error for a table that does not match its DDL.
 */
class FeaturesStageTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Path config) {
        TestSpark.spark();
        return StageMain.run(new FeaturesStage(), new String[] {"--config", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path setUp(String requestsCsv) throws Exception {
        Files.writeString(dir.resolve("ddl.sql"), """
                CREATE TABLE req (id string, ts timestamp, user string, amount int);
                CREATE TABLE label (id string, y int);
                """);
        Files.writeString(dir.resolve("features.sql"), """
                USE demo;
                SET @@execute_mode='offline';
                SELECT req.id, sum(amount) OVER w AS total, label.y FROM req
                  LAST JOIN label ON req.id = label.id
                  WINDOW w AS (PARTITION BY user ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                INTO OUTFILE '/tmp/ignored' OPTIONS (mode = 'overwrite');
                """);
        Files.createDirectories(dir.resolve("req"));
        Files.writeString(dir.resolve("req/part.csv"), requestsCsv);
        Path config = dir.resolve("test.conf");
        Files.writeString(config, """
                windrow.work-dir = "%s"
                features {
                  ddl = "%s/ddl.sql"
                  sql = "%s/features.sql"
                  tables { req { path = "%s/req", format = csv } }
                  empty-tables = [label]
                  output-format = csv
                  output-files = 1
                }
                """.formatted(dir, dir, dir, dir));
        return config;
    }

    @Test
    void writesCsvFeaturesWithMetrics() throws Exception {
        Path config = setUp("id,ts,user,amount\nr1,1000,u,5\nr2,2000,u,7\nr3,null,u,9\nr4,1500,v,null\n");
        assertThat(run(config)).as(err.toString()).isZero();
        Path output = dir.resolve("features");
        assertThat(output.resolve(StageOutput.MARKER)).exists();
        List<Path> parts;
        try (Stream<Path> files = Files.list(output)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
        }
        assertThat(parts).hasSize(1);
        assertThat(Files.readAllLines(parts.get(0))).containsExactly("id,total,y", "r1,5,null", "r2,12,null", "r4,null,null");
        JsonNode metrics = new ObjectMapper().readTree(Files.readString(output.resolve(StageOutput.METRICS)));
        assertThat(metrics.get("rows_out").asLong()).isEqualTo(3);
        assertThat(metrics.get("rows_in.req").asLong()).isEqualTo(4);
        assertThat(metrics.get("rows_dropped_null_or_negative_order_key").asLong()).isEqualTo(1);
    }

    /** An OpenMLDB parameterized query: the ? placeholders take features.parameters, typed. */
    @Test
    void parametersFillThePlaceholders() throws Exception {
        Path config = setUp("id,ts,user,amount\nr1,1000,u,5\nr2,2000,u,7\nr3,3000,v,9\n");
        Files.writeString(dir.resolve("features.sql"), "SELECT id, amount + ? AS more FROM req WHERE user = ?;");
        Files.writeString(config, Files.readString(config).replace("output-files = 1",
                "output-files = 1\n  parameters = [ { type = bigint, value = 10 }, { type = string, value = u } ]"));
        assertThat(run(config)).as(err.toString()).isZero();
        List<Path> parts;
        try (Stream<Path> files = Files.list(dir.resolve("features"))) {
            parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
        }
        assertThat(Files.readAllLines(parts.get(0))).containsExactly("id,more", "r1,15", "r2,17");
    }

    @Test
    void aParameterThatIsNotOfItsTypeIsAConfigError() throws Exception {
        Path config = setUp("id,ts,user,amount\nr1,1000,u,5\n");
        Files.writeString(dir.resolve("features.sql"), "SELECT id FROM req WHERE amount > ?;");
        Files.writeString(config, Files.readString(config).replace("output-files = 1",
                "output-files = 1\n  parameters = [ { type = int, value = five } ]"));
        assertThat(run(config)).isEqualTo(2);
        assertThat(err.toString()).contains("features.parameters[0].value: 'five' is not a int32");
        assertThat(dir.resolve("features")).doesNotExist();
    }

    @Test
    void tableNotMatchingItsDdlIsAClearError() throws Exception {
        Path config = setUp("");
        SparkSession spark = TestSpark.spark();
        spark.sql("SELECT 'r1' AS id, 5 AS amount").write().parquet(dir.resolve("bad").toString());
        Files.writeString(config, Files.readString(config).replace("tables { req { path = \"" + dir + "/req\", format = csv } }",
                "tables { req { path = \"" + dir + "/bad\", format = parquet } }"));
        assertThat(run(config)).isEqualTo(4);
        assertThat(err.toString()).contains("table req").contains("column ts").contains("missing");
        assertThat(dir.resolve("features")).doesNotExist();
    }
}

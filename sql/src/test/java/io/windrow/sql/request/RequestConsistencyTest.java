package io.windrow.sql.request;

import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import io.windrow.testing.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request mode equals batch, feature by feature, on the seed's SQL: the JD sample replayed in time
 * order ({@link Replay}), then synthetic JD-shaped data with a hot key ({@link SyntheticJd}). Prints
 * the history's memory and the time per compute (figures, not assertions).
 */
class RequestConsistencyTest {
    private static final Path JD = TestSpark.shared().resolve("jd-sample");

    static void print(String data, Replay.Result result) {
        System.out.printf("request mode, %s: %d requests, compute %.0f us mean, %.0f us p50, %.0f us p99; history: "
                        + "%d rows after loading the other tables, %d rows after the replay, %.1f MiB heap held by the "
                        + "engine%n", data, result.requests(), result.computeMicros(), result.p50Micros(),
                result.p99Micros(), result.storedRowsAfterLoad(),
                result.storedRowsAfterReplay(), result.heapBytes() / 1048576.0);
    }

    @Test
    void jdSampleRequestsEqualTheBatchFeatures() throws Exception {
        SparkSession spark = TestSpark.spark();
        Map<String, TableDefinition> ddl = DdlParser.parse(Files.readString(JD.resolve("create_tables.sql")));
        Map<String, StructType> schemas = new LinkedHashMap<>();
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        for (TableDefinition table : ddl.values()) {
            schemas.put(table.name(), table.schema());
            String folder = table.name().equals("flattenRequest") ? "flattenRequest_clean" : table.name();
            Path path = JD.resolve(folder);
            rows.put(table.name(), Files.exists(path)
                    ? Replay.rows(TableLoader.load(spark, table, path.toString(), "parquet")) : List.of());
        }
        String sql = Files.readString(JD.resolve("features.sql"));

        Replay.Result result = Replay.run(spark, sql, new Replay.Tables(schemas, rows), "flattenRequest", "eventTime");

        print("JD sample", result);
        assertThat(result.requests()).isEqualTo(13916);
        assertThat(result.mismatches()).as("features that differ from batch").isEmpty();
    }

    @Test
    void syntheticRequestsWithAHotKeyEqualTheBatchFeatures() throws Exception {
        Map<String, TableDefinition> ddl = DdlParser.parse(Files.readString(JD.resolve("create_tables.sql")));
        Replay.Tables tables = SyntheticJd.tables(ddl, 19, 10_000, 0.3);
        String sql = Files.readString(JD.resolve("features.sql"));

        Replay.Result result = Replay.run(TestSpark.spark(), sql, tables, "flattenRequest", "eventTime");

        print("synthetic JD, hot pair share 0.3", result);
        assertThat(result.requests()).isEqualTo(10_000);
        assertThat(result.mismatches()).as("features that differ from batch").isEmpty();
    }
}

package io.windrow.preprocess.compat;

import io.windrow.testing.TestSpark;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.ddl.TableLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compat mode on the real JD sample: the seed's feature SQL (run by the sql module's engine)
 * then the demo's preprocessing reproduce the seed's table_size_array exactly. The split counts
 * follow preprocess.py (int(0.8 N), int(0.1 N), rest) for N = 13916; the seed's printed counts
 * (11073/1351/1492) come from a different run and are not reproducible from the script.
 */
class JdSampleCompatTest {
    static final String SEED_TABLE_SIZES = "4,26,16,4,11,809,1,1,5,3,17,16,7,13916,13890,13916,10000,3674,9119,7,2,13916,"
            + "5,4,4,33,2,2,7,2580,3,5,13916,10,47,13916,365,17,132,32,37";

    @TempDir
    Path out;

    @Test
    void seedFeaturesGiveTheSeedTableSizes() throws Exception {
        SparkSession spark = TestSpark.spark();
        Path jd = Path.of(System.getProperty("windrow.shared", "../../shared")).resolve("jd-sample");
        Map<String, TableDefinition> ddl = DdlParser.parse(Files.readString(jd.resolve("create_tables.sql")));
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (TableDefinition table : ddl.values()) {
            String folder = table.name().equals("flattenRequest") ? "flattenRequest_clean" : table.name();
            Path path = jd.resolve(folder);
            // The sample has no action (label) table: an empty one leaves the label NULL, as the demo's LAST JOIN would.
            tables.put(table.name(), Files.exists(path)
                    ? TableLoader.load(spark, table, path.toString(), "parquet")
                    : TableLoader.empty(spark, table));
        }
        Dataset<Row> features = new FeatureEngine(spark).execute(Files.readString(jd.resolve("features.sql")), tables);
        features.write().parquet(out.resolve("features").toString());

        CompatResult result = new CompatPreprocessor(spark).run(spark.read().parquet(out.resolve("features").toString()),
                CompatPreprocessor.DEFAULT_ORDER, out.resolve("compat").toString());

        assertThat(result.tableSizeArray()).isEqualTo(SEED_TABLE_SIZES);
        assertThat(result.trainRows()).isEqualTo(11132);
        assertThat(result.testRows()).isEqualTo(1391);
        assertThat(result.valRows()).isEqualTo(1393);
        assertThat(Files.readString(out.resolve("compat").resolve("data_info.txt")))
                .isEqualTo("11132\n1391\n1393\n" + SEED_TABLE_SIZES);
    }
}

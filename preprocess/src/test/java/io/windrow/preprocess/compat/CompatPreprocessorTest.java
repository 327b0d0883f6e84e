package io.windrow.preprocess.compat;

import io.windrow.testing.TestSpark;
import io.windrow.preprocess.JdLikeFeatures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compat mode against values produced by the demo's own logic: the expected numbers come from
 * running preprocess.py's steps (pandas 1.5 read_csv, xxhash 3.0, the positional split) on the
 * same 20 rows written as CSV (src/test/python/compat_expected.py).
 */
class CompatPreprocessorTest {
    private static final Long[] ROW_0 = {-8532035105496476826L, 4665192976968367878L, -7153949278242264131L, 5004256297000233393L, -3560370502094095452L, -1642636501337844841L, -3261639858730006726L, -3261639858730006726L, 5004256297000233393L, -8532035105496476826L, 5004256297000233393L, 5004256297000233393L, -8532035105496476826L, -6795499399870568606L, 5097830647149560760L, -6795499399870568606L, -866846679522511956L, -4888998180219867696L, 6297372182317704421L, -8532035105496476826L, 5004256297000233393L, -6795499399870568606L, -3560370502094095452L, -3560370502094095452L, -5691956706966233590L, -2490480452162311030L, 7354886323195630718L, -3560370502094095452L, 308181452352028601L, -6479820699607309602L, 5004256297000233393L, -8532035105496476826L, -6795499399870568606L, -7174342135268319677L, -5864361109348194765L, -6795499399870568606L, 2285969534336191105L, -5405087434203705664L, -3560370502094095452L, 6437137262977963252L, 6437137262977963252L};
    private static final Long[] ROW_19 = {7354886323195630718L, 8978051828777357506L, 4665192976968367878L, -8532035105496476826L, 4665192976968367878L, -7942741038723874272L, -3261639858730006726L, -1642636501337844841L, -8532035105496476826L, -8532035105496476826L, 7354886323195630718L, -8189230112630012227L, 4642931663114557042L, -4336783050969689795L, 1709370359240049177L, -4336783050969689795L, 3835851577337373564L, 4404497413337916216L, -6402904728676627781L, -8673519113020844393L, -8532035105496476826L, -4336783050969689795L, 7307668748860844658L, 4665192976968367878L, 8375396641716524804L, -4612003698972162111L, 7354886323195630718L, -5147078156481567518L, -9180426624108388667L, 1161159581254908487L, -8532035105496476826L, 1239913790356768496L, -4336783050969689795L, 3168268614311025701L, 1305767964912825693L, -4336783050969689795L, -6900198056756725248L, -5405087434203705664L, 8560381970285195349L, -1954873121676845030L, -1954873121676845030L};
    private static final String TABLE_SIZES = "4,3,2,3,4,4,1,2,2,1,5,4,2,20,20,20,20,5,7,7,2,20,3,3,3,2,1,3,3,6,3,5,20,2,3,20,2,1,5,2,3";

    @TempDir
    Path out;

    @Test
    void reproducesDemoHashesSplitAndTableSizes() throws Exception {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> features = JdLikeFeatures.create(spark, 20);
        CompatResult result = new CompatPreprocessor(spark).run(features, CompatPreprocessor.DEFAULT_ORDER, out.toString());

        assertThat(result.trainRows()).isEqualTo(16);
        assertThat(result.testRows()).isEqualTo(2);
        assertThat(result.valRows()).isEqualTo(2);
        assertThat(result.tableSizeArray()).isEqualTo(TABLE_SIZES);
        assertThat(Files.readString(out.resolve("data_info.txt"))).isEqualTo("16\n2\n2\n" + TABLE_SIZES);

        List<Row> train = spark.read().parquet(out.resolve("train").toString()).collectAsList();
        List<Row> val = spark.read().parquet(out.resolve("val").toString()).collectAsList();
        assertThat(train).hasSize(16);
        assertThat(spark.read().parquet(out.resolve("test").toString()).count()).isEqualTo(2);
        assertThat(train.get(0).schema().fieldNames()[0]).isEqualTo("Label");
        assertThat(train.get(0).schema().fieldNames()[1]).isEqualTo("I1");
        assertThat(train.get(0).schema().fieldNames()[41]).isEqualTo("C28");
        assertThat(hashes(train.get(0))).containsExactly(ROW_0);
        assertThat(hashes(val.get(1))).containsExactly(ROW_19);
        // Label: float, NULL as NaN (row 5), 1 for every third row.
        assertThat(train.get(0).getFloat(0)).isEqualTo(1.0f);
        assertThat(train.get(5).getFloat(0)).isNaN();
        assertThat(train.get(6).getFloat(0)).isEqualTo(1.0f);
    }

    @Test
    void rowOrderDoesNotDependOnInputPartitioning() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> features = JdLikeFeatures.create(spark, 20);
        new CompatPreprocessor(spark).run(features.repartition(1), CompatPreprocessor.DEFAULT_ORDER, out.resolve("a").toString());
        new CompatPreprocessor(spark).run(features.repartition(4).sortWithinPartitions("reqId_3"),
                CompatPreprocessor.DEFAULT_ORDER, out.resolve("b").toString());
        for (String split : List.of("train", "test", "val")) {
            List<Row> a = spark.read().parquet(out.resolve("a").resolve(split).toString()).collectAsList();
            List<Row> b = spark.read().parquet(out.resolve("b").resolve(split).toString()).collectAsList();
            assertThat(b).as(split).containsExactlyElementsOf(a);
        }
    }

    @Test
    void missingColumnIsNamed() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> features = JdLikeFeatures.create(spark, 20).drop("bo_user_sex_multi_direct_11");
        assertThatThrownBy(() -> new CompatPreprocessor(spark).run(features, CompatPreprocessor.DEFAULT_ORDER, out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bo_user_sex_multi_direct_11");
    }

    @Test
    void tooFewRowsForASplitIsAnError() {
        SparkSession spark = TestSpark.spark();
        Dataset<Row> features = JdLikeFeatures.create(spark, 5);
        assertThatThrownBy(() -> new CompatPreprocessor(spark).run(features, CompatPreprocessor.DEFAULT_ORDER, out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split 'test' is empty");
    }

    private static List<Long> hashes(Row row) {
        List<Long> values = new ArrayList<>();
        for (int i = 1; i < row.length(); i++) {
            values.add(row.getLong(i));
        }
        return values;
    }
}

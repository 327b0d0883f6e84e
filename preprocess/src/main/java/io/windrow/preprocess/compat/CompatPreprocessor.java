package io.windrow.preprocess.compat;

import io.windrow.preprocess.OutputFiles;
import io.windrow.preprocess.XxHash64;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.windrow.preprocess.compat.DemoColumns.FEATURES;
import static io.windrow.preprocess.compat.DemoColumns.LABEL;
import static io.windrow.preprocess.compat.DemoColumns.LABEL_SOURCE;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.bit_and;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;

/**
 * The {@code openmldb-compat} mode: reproduces the demo's preprocess.py on a Spark feature table.
 * Columns are renamed to Label, I1..I13, C1..C28; every feature value is hashed as
 * xxHash64(str(value), seed 10) read as int64 (see {@link PandasCsvText} for the exact string);
 * the label is cast to float (NULL as NaN, as pandas does). Rows are split by position 80/10/10
 * into train, test and val, and data_info.txt lists the counts and per-column distinct counts.
 *
 * <p>The demo's row order is whatever order its CSV files were read in. Here the order is
 * defined: ascending by the {@code orderBy} columns (by default event time, then request id),
 * then by every output column, so the split does not depend on how the input is partitioned and
 * reruns are identical. Nothing is collected to the driver except per-column dtypes and counts.
 */
public final class CompatPreprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(CompatPreprocessor.class);

    /** The default split order: time first (the split is then roughly chronological), then request id. */
    public static final List<String> DEFAULT_ORDER = List.of("flattenRequest_eventTime_original_0", "reqId_1");

    private static final String ROW = "_compat_row";

    private final SparkSession spark;

    public CompatPreprocessor(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark");
    }

    /** Hashes, splits and writes {@code outputDir/{train,test,val}} and {@code outputDir/data_info.txt}. */
    public CompatResult run(Dataset<Row> features, List<String> orderBy, String outputDir) {
        requireNonNull(features, "features");
        requireNonNull(orderBy, "orderBy");
        requireNonNull(outputDir, "outputDir");
        checkColumns(features, orderBy);

        UserDefinedFunction csvText = udf((UDF1<Object, String>) PandasCsvText::csvText, DataTypes.StringType);
        UserDefinedFunction classify = udf((UDF1<String, Integer>) text -> text == null ? null : PandasCsvText.classify(text),
                DataTypes.IntegerType);

        List<Column> texts = new ArrayList<>();
        List<Column> orderKeys = new ArrayList<>();
        for (int i = 0; i < orderBy.size(); i++) {
            orderKeys.add(col(orderBy.get(i)).as("_o" + i));
        }
        for (DemoColumns.Renamed feature : FEATURES) {
            texts.add(csvText.apply(col(quote(feature.source()))).as(feature.demoName()));
        }
        List<Column> textSelection = new ArrayList<>(texts);
        textSelection.add(coalesce(col(quote(LABEL_SOURCE)).cast(DataTypes.FloatType), lit(Float.NaN)).as(LABEL));
        textSelection.addAll(orderKeys);
        Dataset<Row> asText = features.select(textSelection.toArray(Column[]::new));

        List<PandasCsvText.Dtype> dtypes = inferDtypes(asText, classify);
        LOG.info("openmldb-compat: pandas dtypes {}", dtypes);

        List<Column> hashed = new ArrayList<>();
        hashed.add(col(LABEL));
        for (int i = 0; i < FEATURES.size(); i++) {
            PandasCsvText.Dtype dtype = dtypes.get(i);
            UserDefinedFunction hash = udf((UDF1<String, Long>) text ->
                    XxHash64.hash(PandasCsvText.pythonStr(text, dtype), XxHash64.DEMO_SEED), DataTypes.LongType);
            String name = FEATURES.get(i).demoName();
            hashed.add(hash.apply(col(name)).as(name));
        }
        List<Column> sortKeys = new ArrayList<>();
        for (int i = 0; i < orderBy.size(); i++) {
            sortKeys.add(col("_o" + i).asc_nulls_first());
            hashed.add(col("_o" + i));
        }
        Dataset<Row> hashedRows = asText.select(hashed.toArray(Column[]::new));
        for (DemoColumns.Renamed feature : FEATURES) {
            sortKeys.add(col(feature.demoName()).asc_nulls_first());
        }
        sortKeys.add(col(LABEL).asc_nulls_first());
        Dataset<Row> sorted = hashedRows.sort(sortKeys.toArray(Column[]::new));

        Dataset<Row> indexed = withRowNumbers(sorted).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long total = indexed.count();
            if (total == 0) {
                throw new IllegalArgumentException("openmldb-compat: the feature table is empty");
            }
            // Python: int(total * 0.8); same IEEE double arithmetic, same truncation.
            long trainRows = (long) (total * 0.8);
            long testRows = (long) (total * 0.1);
            long valRows = total - trainRows - testRows;
            requireNonEmpty("train", trainRows, total);
            requireNonEmpty("test", testRows, total);
            requireNonEmpty("val", valRows, total);

            List<Column> output = new ArrayList<>();
            output.add(col(LABEL));
            FEATURES.forEach(feature -> output.add(col(feature.demoName())));
            Column[] outputColumns = output.toArray(Column[]::new);
            writeSplit(indexed, 0, trainRows, outputColumns, outputDir + "/train");
            writeSplit(indexed, trainRows, trainRows + testRows, outputColumns, outputDir + "/test");
            writeSplit(indexed, trainRows + testRows, total, outputColumns, outputDir + "/val");

            List<Column> distinct = new ArrayList<>();
            FEATURES.forEach(feature -> distinct.add(countDistinct(col(feature.demoName()))));
            Row sizes = indexed.agg(distinct.get(0), distinct.subList(1, distinct.size()).toArray(Column[]::new)).first();
            List<Long> tableSizes = new ArrayList<>();
            for (int i = 0; i < FEATURES.size(); i++) {
                tableSizes.add(sizes.getLong(i));
            }
            CompatResult result = new CompatResult(trainRows, testRows, valRows, tableSizes);
            OutputFiles.writeString(outputDir + "/data_info.txt", result.dataInfo(),
                    spark.sparkContext().hadoopConfiguration());
            return result;
        } finally {
            indexed.unpersist();
        }
    }

    private static void checkColumns(Dataset<Row> features, List<String> orderBy) {
        Set<String> present = new LinkedHashSet<>(List.of(features.columns()));
        List<String> missing = new ArrayList<>();
        if (!present.contains(LABEL_SOURCE)) {
            missing.add(LABEL_SOURCE + " (label)");
        }
        FEATURES.stream().map(DemoColumns.Renamed::source).filter(c -> !present.contains(c)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("openmldb-compat: the feature table lacks column(s) "
                    + String.join(", ", missing) + " (the demo's 42 feature columns are required)");
        }
        for (String column : orderBy) {
            if (!present.contains(column)) {
                throw new IllegalArgumentException("openmldb-compat: order-by column '" + column
                        + "' is not in the feature table");
            }
        }
    }

    private static List<PandasCsvText.Dtype> inferDtypes(Dataset<Row> asText, UserDefinedFunction classify) {
        List<Column> aggregates = new ArrayList<>();
        for (DemoColumns.Renamed feature : FEATURES) {
            Column text = col(feature.demoName());
            aggregates.add(bit_and(classify.apply(text)));
            aggregates.add(max(text.isNull()));
        }
        Row row = asText.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        List<PandasCsvText.Dtype> dtypes = new ArrayList<>();
        for (int i = 0; i < FEATURES.size(); i++) {
            Integer bits = row.isNullAt(2 * i) ? null : row.getInt(2 * i);
            boolean hasNa = !row.isNullAt(2 * i + 1) && row.getBoolean(2 * i + 1);
            dtypes.add(PandasCsvText.dtype(bits, hasNa));
        }
        return dtypes;
    }

    private Dataset<Row> withRowNumbers(Dataset<Row> sorted) {
        StructType schema = sorted.schema().add(ROW, DataTypes.LongType, false);
        JavaRDD<Row> rows = sorted.toJavaRDD().zipWithIndex().map(pair -> {
            Row row = pair._1();
            Object[] values = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = pair._2();
            return RowFactory.create(values);
        });
        return spark.createDataFrame(rows, schema);
    }

    private static void writeSplit(Dataset<Row> indexed, long from, long to, Column[] columns, String location) {
        indexed.filter(col(ROW).geq(from).and(col(ROW).lt(to)))
                .orderBy(col(ROW))
                .select(columns)
                .write().parquet(location);
    }

    private static void requireNonEmpty(String split, long rows, long total) {
        if (rows == 0) {
            throw new IllegalArgumentException("openmldb-compat: split '" + split + "' is empty ("
                    + total + " feature rows; the 80/10/10 split needs at least 10)");
        }
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}

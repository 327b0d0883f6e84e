package io.windrow.train;

import io.windrow.train.data.TrainMetadata;
import io.windrow.train.eval.Evaluator;
import io.windrow.train.eval.SplitMetrics;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.ModelSpec;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

/**
 * The logistic-regression baseline on Spark MLlib: {@link LogisticRegression} (L-BFGS, L2) over
 * the one-hot ids of the train split as one sparse vector per row (the fields' id ranges tile
 * [0, total), so a row's ids are distinct positions), fitted on the executors. Each configured
 * {@code regParam} is fitted; the one with the best val early-stopping score is kept. The fitted
 * weights become an {@code lr} {@link DeepFmModel}, so val and test are scored by the very
 * {@link Evaluator} (exact AUC by ranking, logloss) that scores DeepFM, and {@code baseline-lr.bin}
 * loads in {@link DeepFmScorer} like any model.
 */
public final class LogisticBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(LogisticBaseline.class);
    private static final String FEATURES = "_features";
    private static final String LABEL = "_label";

    private LogisticBaseline() {}

    /** Fits the baseline on {@code trainer}'s splits; {@code spec} is the {@code lr} shape of the main model. */
    public static ModelRun train(SparkSession spark, TrainSettings settings, Trainer trainer, ModelSpec spec) {
        requireNonNull(spark, "spark");
        TrainMetadata metadata = trainer.metadata();
        Dataset<Row> train = oneHot(spark.read().parquet(new Path(settings.input(), "train").toString()), metadata)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            LOG.info("lr baseline (MLlib): {} train rows, {} ids", train.count(), metadata.total());
            DeepFmModel best = null;
            SplitMetrics bestVal = null;
            int bestIterations = 0;
            double bestReg = Double.NaN;
            for (double reg : settings.baselineRegParams()) {
                LogisticRegressionModel fitted = new LogisticRegression()
                        .setFeaturesCol(FEATURES).setLabelCol(LABEL)
                        .setRegParam(reg).setElasticNetParam(0)
                        // One-hot columns are on one scale already; standardizing would regularize rare ids less.
                        .setStandardization(false)
                        .setMaxIter(200).setTol(1e-7)
                        .fit(train);
                DeepFmModel model = toModel(fitted, spec);
                SplitMetrics val = trainer.validate(model);
                int iterations = fitted.summary().totalIterations();
                LOG.info("lr baseline (MLlib): regParam {} ({} L-BFGS iterations): val AUC {} logloss {}", reg, iterations,
                        String.format(Locale.ROOT, "%.5f", val.auc()), String.format(Locale.ROOT, "%.5f", val.logloss()));
                if (bestVal == null || val.score(settings.earlyStoppingMetric()) > bestVal.score(settings.earlyStoppingMetric())) {
                    best = model;
                    bestVal = val;
                    bestIterations = iterations;
                    bestReg = reg;
                }
            }
            Evaluator.Scored test = trainer.test(best);
            LOG.info("lr baseline (MLlib): regParam {} kept; test AUC {} logloss {}", bestReg, test.metrics().describeAuc(),
                    String.format(Locale.ROOT, "%.5f", test.metrics().logloss()));
            // No epochs: the history is empty, and the one validation is the kept fit's (step = its L-BFGS iterations).
            return new ModelRun(spec.kind(), best, List.of(), List.of(new Evaluation(0, bestIterations, 0, bestVal)), 0,
                    bestIterations, test.metrics(), test.logits(), test.labels(), test.keys(), false);
        } finally {
            train.unpersist();
        }
    }

    /** The split as (label as double, sparse one-hot vector of its ids). */
    static Dataset<Row> oneHot(Dataset<Row> split, TrainMetadata metadata) {
        int total = metadata.total();
        int fields = metadata.fields().size();
        List<Column> ids = new ArrayList<>();
        for (TrainMetadata.Field field : metadata.fields()) {
            ids.add(col("`" + field.name().replace("`", "``") + "`"));
        }
        UDF1<Row, Vector> toVector = row -> {
            int[] indices = new int[fields];
            for (int f = 0; f < fields; f++) {
                indices[f] = ((Number) row.get(f)).intValue();
            }
            Arrays.sort(indices);
            double[] ones = new double[fields];
            Arrays.fill(ones, 1.0);
            return new SparseVector(total, indices, ones);
        };
        return split.select(col("`" + metadata.label().replace("`", "``") + "`").cast("double").as(LABEL),
                udf(toVector, SQLDataTypes.VectorType()).apply(struct(ids.toArray(Column[]::new))).as(FEATURES));
    }

    private static DeepFmModel toModel(LogisticRegressionModel fitted, ModelSpec spec) {
        double[] coefficients = fitted.coefficients().toArray();
        float[] weights = new float[coefficients.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) coefficients[i];
        }
        return DeepFmModel.logisticRegression(spec, weights, (float) fitted.intercept());
    }
}

package io.windrow.train;

import io.windrow.train.eval.RankAuc;
import io.windrow.train.eval.SplitMetrics;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RankAucTest {
    /** P(score of a positive > score of a negative) + 0.5 P(tie), over all pairs. */
    private static double bruteForce(double[] scores, float[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void exactValuesWithTies() {
        // positives 0.8, 0.5(tie with a negative), negatives 0.5, 0.2: pairs (0.8>0.5, 0.8>0.2, tie, 0.5>0.2) = 3.5/4
        double[] scores = {0.8, 0.5, 0.5, 0.2};
        float[] labels = {1, 1, 0, 0};
        assertThat(RankAuc.auc(scores, labels, 4, "test")).isEqualTo(0.875);
        assertThat(RankAuc.auc(new double[] {1, 1, 1, 1}, labels, 4, "test")).isEqualTo(0.5);
        assertThat(RankAuc.auc(new double[] {-3, -0.0, 0.0, 7}, new float[] {0, 1, 0, 1}, 4, "test")).isEqualTo(0.875);
    }

    @Test
    void matchesBruteForcePairCountOnRandomDataWithManyTies() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(300);
            double[] scores = new double[n];
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = trial % 2 == 0 ? random.nextInt(5) - 2 : random.nextGaussian() * 1e3;
                labels[i] = random.nextInt(3) == 0 ? 1 : 0;
            }
            labels[0] = 1;
            labels[1] = 0;
            assertThat(RankAuc.auc(scores, labels, n, "test")).isCloseTo(bruteForce(scores, labels), within(1e-12));
        }
    }

    /** DeLong's variance by its definition: every row's share of won pairs, over all pairs. */
    private static double bruteForceStandardError(double[] scores, float[] labels) {
        java.util.List<Double> positiveShares = new java.util.ArrayList<>();
        java.util.List<Double> negativeShares = new java.util.ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            double won = 0;
            int pairs = 0;
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] != labels[j]) {
                    pairs++;
                    double sign = labels[i] == 1 ? 1 : -1;
                    won += sign * (scores[i] - scores[j]) > 0 ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
            (labels[i] == 1 ? positiveShares : negativeShares).add(won / pairs);
        }
        return Math.sqrt(variance(positiveShares) / positiveShares.size() + variance(negativeShares) / negativeShares.size());
    }

    private static double variance(java.util.List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
    }

    @Test
    void deLongStandardErrorExactValuesAndAgainstItsDefinition() {
        // Positives win shares 1 and 0.75, negatives 0.75 and 1: variance 0.03125/2 + 0.03125/2.
        RankAuc.Estimate estimate = RankAuc.estimate(new double[] {0.8, 0.5, 0.5, 0.2}, new float[] {1, 1, 0, 0}, 4, "test");
        assertThat(estimate.auc()).isEqualTo(0.875);
        assertThat(estimate.standardError()).isCloseTo(Math.sqrt(0.03125), within(1e-15));
        assertThat(estimate.positives()).isEqualTo(2);
        assertThat(estimate.negatives()).isEqualTo(2);
        // One positive: no sample variance on that side, it counts as the largest possible (0.25).
        assertThat(RankAuc.estimate(new double[] {0.1, 0.2, 0.3}, new float[] {1, 0, 0}, 3, "test").standardError())
                .isCloseTo(Math.sqrt(0.25), within(1e-15));

        Random random = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int n = 4 + random.nextInt(200);
            double[] scores = new double[n];
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = trial % 2 == 0 ? random.nextInt(6) : random.nextGaussian();
                labels[i] = i < 2 ? 1 - i : random.nextInt(4) == 0 ? 1 : 0;
            }
            labels[2] = 1;
            labels[3] = 0;
            assertThat(RankAuc.estimate(scores, labels, n, "test").standardError())
                    .isCloseTo(bruteForceStandardError(scores, labels), within(1e-12));
        }
    }

    /** The standard error against the spread of AUCs over repeated samples of a known score distribution. */
    @Test
    void standardErrorMatchesTheSpreadOfRepeatedSamples() {
        Random random = new Random(11);
        int positives = 12;
        int negatives = 400;
        int trials = 2000;
        double sum = 0;
        double sumSquares = 0;
        double errors = 0;
        double[] scores = new double[positives + negatives];
        float[] labels = new float[positives + negatives];
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < scores.length; i++) {
                labels[i] = i < positives ? 1 : 0;
                scores[i] = random.nextGaussian() + (i < positives ? 1.0 : 0.0); // binormal, true AUC = Phi(1/sqrt 2) = 0.760
            }
            RankAuc.Estimate estimate = RankAuc.estimate(scores, labels, scores.length, "trial");
            sum += estimate.auc();
            sumSquares += estimate.auc() * estimate.auc();
            errors += estimate.standardError();
        }
        double mean = sum / trials;
        double spread = Math.sqrt(sumSquares / trials - mean * mean);
        assertThat(mean).isCloseTo(0.760, within(0.01));
        assertThat(errors / trials).isCloseTo(spread, within(0.1 * spread));
    }

    @Test
    void reliabilityNeedsEnoughRowsOfTheRarerClass() {
        SplitMetrics oneTestPositive = new SplitMetrics(0.0022, 0.5, 0.04, 1393, 1);
        assertThat(oneTestPositive.aucReliable(30)).isFalse();
        assertThat(oneTestPositive.describeAuc()).isEqualTo("0.0022 +- 0.9800 (95%; 1 positive of 1393 rows)");
        assertThat(new SplitMetrics(0.7, 0.01, 0.1, 1000, 30).aucReliable(30)).isTrue();
        assertThat(new SplitMetrics(0.7, 0.01, 0.1, 1000, 990).aucReliable(30)).as("10 negatives").isFalse();
    }

    @Test
    void oneClassSplitIsAClearError() {
        assertThatThrownBy(() -> RankAuc.auc(new double[] {0.1, 0.2}, new float[] {1, 1}, 2, "val split"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("val split has only positive labels (2 rows): AUC is undefined");
        assertThatThrownBy(() -> RankAuc.auc(new double[] {0.1, 0.2}, new float[] {1, 0.5f}, 2, "val split"))
                .hasMessageContaining("label 0.5 of row 1 of val split is not 0 or 1");
    }
}

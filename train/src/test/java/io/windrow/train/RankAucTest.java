package io.windrow.train;

import io.windrow.train.eval.RankAuc;
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

    @Test
    void oneClassSplitIsAClearError() {
        assertThatThrownBy(() -> RankAuc.auc(new double[] {0.1, 0.2}, new float[] {1, 1}, 2, "val split"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("val split has only positive labels (2 rows): AUC is undefined");
        assertThatThrownBy(() -> RankAuc.auc(new double[] {0.1, 0.2}, new float[] {1, 0.5f}, 2, "val split"))
                .hasMessageContaining("label 0.5 of row 1 of val split is not 0 or 1");
    }
}

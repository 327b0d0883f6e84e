package io.windrow.jobs.generate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The planted model and the request latents, without Spark: label rate, signal, interactions, uniqueness. */
class PlantedModelTest {
    static final GeneratorSettings SETTINGS = GeneratorSpark.defaults().withRequests(20_000);

    @Test
    void logitHasTheDocumentedTerms() {
        // Every term checked against a hand computation.
        assertThat(PlantedModel.logit(-4.8, false, false, false, 3, false, false)).isCloseTo(-4.8, within(1e-12));
        assertThat(PlantedModel.logit(-4.8, true, false, false, 5, false, false)).isCloseTo(-4.8 + 1.4 + 0.35 + 1.2, within(1e-12));
        assertThat(PlantedModel.logit(-4.8, true, false, false, 1, true, false))
                .isCloseTo(-4.8 + 1.4 - 0.35 - 0.3 - 1.2 - 1.8, within(1e-12));
        assertThat(PlantedModel.logit(-4.8, false, true, true, 3, false, true)).isCloseTo(-4.8 + 0.5 + 0.8 + 0.2 + 0.9, within(1e-12));
        assertThat(PlantedModel.probability(0)).isEqualTo(0.5);
    }

    @Test
    void startIsMidnightInUtcPlus8() {
        GeneratorSettings read = GeneratorSettings.from(com.typesafe.config.ConfigFactory.parseString(
                "requests=1000,seed=1,partitions=0,start=\"2016-02-01\",days=75,users-per-request=0.65,"
                        + "skus-per-request=0.26,pairs-per-request=0.72,hot-pair-share=0.05,intercept=-4.8"));
        assertThat(read.startMillis()).isEqualTo(1_454_256_000_000L); // 2016-01-31T16:00:00Z, as the sample
    }

    @Test
    void labelsAreBernoulliDrawsOfTheTrueProbabilityAtAFewPercent() {
        int n = (int) SETTINGS.requests();
        double[] p = new double[n];
        int[] y = new int[n];
        long positives = 0;
        double sumP = 0;
        for (int i = 0; i < n; i++) {
            Request r = Request.of(SETTINGS, i);
            p[i] = r.probability;
            y[i] = r.label;
            positives += r.label;
            sumP += r.probability;
        }
        double rate = positives / (double) n;
        assertThat(rate).isBetween(0.02, 0.05);
        assertThat(rate).isCloseTo(sumP / n, within(0.006)); // labels follow the probabilities
        double auc = auc(p, y);
        System.out.printf("planted model: %d requests, positive rate %.4f, mean p %.4f, Bayes AUC %.4f%n", n, rate, sumP / n, auc);
        assertThat(auc).isGreaterThan(0.70);
    }

    @Test
    void interactionsCarrySignalThatMainEffectsMiss() {
        // Among carts, the level effect is far stronger than without a cart (C x l interaction).
        double[] cartByLevel = new double[6];
        double[] cartCount = new double[6];
        double[] noCartByLevel = new double[6];
        double[] noCartCount = new double[6];
        for (int i = 0; i < 20_000; i++) {
            Request r = Request.of(SETTINGS, i);
            int level = r.user.level();
            if (r.cart) {
                cartByLevel[level] += r.probability;
                cartCount[level]++;
            } else {
                noCartByLevel[level] += r.probability;
                noCartCount[level]++;
            }
        }
        double cartLift = Math.log(cartByLevel[5] / cartCount[5]) - Math.log(cartByLevel[2] / cartCount[2]);
        double noCartLift = Math.log(noCartByLevel[5] / noCartCount[5]) - Math.log(noCartByLevel[2] / noCartCount[2]);
        assertThat(cartLift).isGreaterThan(noCartLift + 0.8);
    }

    @Test
    void requestsAreDeterministicTimeOrderedAndUniquelyIdentified() {
        Set<String> reqIds = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 5_000; i++) {
            Request r = Request.of(SETTINGS, i);
            Request again = Request.of(SETTINGS, i);
            assertThat(again.reqId(SETTINGS)).isEqualTo(r.reqId(SETTINGS));
            assertThat(again.actions(SETTINGS)).isEqualTo(r.actions(SETTINGS));
            assertThat(r.timeMillis).isGreaterThan(previous);
            assertThat(r.timeMillis % 1000).isZero(); // whole seconds at this scale, as the sample
            previous = r.timeMillis;
            assertThat(reqIds.add(r.reqId(SETTINGS))).isTrue();
            assertThat(r.reqId(SETTINGS)).isEqualTo(r.pair.pairId() + "_" + r.time1(SETTINGS));
        }
        assertThat(Request.of(SETTINGS, 0).timeMillis).isGreaterThanOrEqualTo(SETTINGS.startMillis());
        assertThat(Request.of(SETTINGS, SETTINGS.requests() - 1).timeMillis).isLessThan(SETTINGS.endMillis());
    }

    @Test
    void aboveOneRequestPerSecondTimesCarryMilliseconds() {
        GeneratorSettings huge = SETTINGS.withRequests(GeneratorSettings.MAX_REQUESTS);
        long previous = Long.MIN_VALUE;
        for (long i = 50_000_000; i < 50_002_000; i++) {
            Request r = Request.of(huge, i);
            assertThat(r.timeMillis).isGreaterThan(previous);
            previous = r.timeMillis;
            assertThat(r.time1(huge)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        }
        assertThat(Request.of(huge, huge.requests() - 1).timeMillis).isLessThan(huge.endMillis());
        assertThat(JdGenerator.hotPairActions(huge)).isGreaterThan(0);
    }

    @Test
    void actionsMatchTheLatents() {
        for (int i = 0; i < 2_000; i++) {
            Request r = Request.of(SETTINGS, i);
            long t = r.timeMillis;
            var actions = r.actions(SETTINGS);
            long in10h = actions.stream().filter(a -> a.timeMillis() <= t && a.timeMillis() >= t - 10 * 3_600_000L).count();
            assertThat(in10h).isEqualTo(r.nowActions + r.recentActions);
            long carts7d = actions.stream().filter(a -> a.type().equals("2") && a.timeMillis() >= t - 7 * 86_400_000L).count();
            assertThat(carts7d > 0).isEqualTo(r.cart);
            long follows14d = actions.stream().filter(a -> a.type().equals("5") && a.timeMillis() >= t - 14 * 86_400_000L).count();
            assertThat(follows14d > 0).isEqualTo(r.follow);
            assertThat(actions).allSatisfy(a -> {
                assertThat(a.timeMillis()).isLessThanOrEqualTo(t);
                assertThat(a.modelId().isEmpty()).isEqualTo(!a.type().equals("6") || a.modelId().isEmpty());
            });
        }
    }

    @Test
    void powerLawRanksAreSkewedAndInRange() {
        var random = Randoms.of(1, 99, 0);
        long[] counts = new long[1000];
        for (int i = 0; i < 100_000; i++) {
            counts[(int) Randoms.powerLawRank(random, 1000, 0.8)]++;
        }
        assertThat(counts[0]).isGreaterThan(counts[10]).isGreaterThan(counts[500]);
        // P(rank 0) ~ (2^0.2 - 1) / (1001^0.2 - 1) for the continuous law.
        double expected = (Math.pow(2, 0.2) - 1) / (Math.pow(1001, 0.2) - 1);
        assertThat(counts[0] / 100_000.0).isCloseTo(expected, within(0.01));
        assertThat(Arrays.stream(counts).sum()).isEqualTo(100_000);
    }

    /** AUC by ranking with average ranks for ties (Mann-Whitney). */
    static double auc(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}

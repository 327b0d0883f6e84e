package io.windrow.jobs.generate;

import java.util.SplittableRandom;

/**
 * Counter-based randomness for the generator: every random quantity is drawn from a
 * {@link SplittableRandom} seeded by a hash of (seed, stream, index), so a row depends only on its
 * own index and never on the order or partitioning in which Spark tasks produce it. Also holds the
 * few samplers the generator needs (power-law ranks, Poisson counts, weighted choices).
 */
final class Randoms {
    /** Independent streams; each entity kind draws from its own so that changing one leaves the others as they were. */
    static final long REQUEST = 1;
    static final long PAIR = 2;
    static final long USER = 3;
    static final long SKU = 4;
    static final long HOT_ACTION = 5;
    static final long LABEL = 6;
    static final long ACTIONS = 7;
    static final long HOT_ACTION_ROW = 8;

    private Randoms() {}

    /** The random source of entity {@code index} of {@code stream} under {@code seed}. */
    static SplittableRandom of(long seed, long stream, long index) {
        return new SplittableRandom(mix64(mix64(seed * 0x9E3779B97F4A7C15L + stream) ^ index));
    }

    /** SplitMix64's finalizer: a bijective, well-mixing 64-bit hash. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A 0-based rank in {@code [0, n)} with P(rank = k) roughly proportional to (k + 1)^-s: the
     * continuous inverse of a Zipf law, O(1) and table-free, so any scale samples in constant memory.
     */
    static long powerLawRank(SplittableRandom random, long n, double s) {
        if (n <= 1) {
            return 0;
        }
        double u = random.nextDouble();
        double x;
        if (Math.abs(s - 1.0) < 1e-9) {
            x = Math.exp(u * Math.log(n + 1.0));
        } else {
            double a = 1.0 - s;
            x = Math.pow(u * (Math.pow(n + 1.0, a) - 1.0) + 1.0, 1.0 / a);
        }
        return Math.min(n - 1, Math.max(0, (long) x - 1));
    }

    /** Poisson count by Knuth's product method (the generator's means are small). */
    static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** An index into {@code weights} drawn proportionally to them (weights sum to about 1). */
    static int choose(SplittableRandom random, double[] weights) {
        double u = random.nextDouble() * sum(weights);
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static boolean bernoulli(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }

    private static double sum(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total;
    }
}

package io.windrow.jobs.generate;

import java.util.SplittableRandom;

/**
 * The users, products (skus) and (user, sku) pairs of the synthetic JD world. Each entity is a pure
 * function of (seed, rank), so any Spark task can rebuild the attributes of the user or sku it needs
 * without a join or a broadcast. Ranks are popularity ranks: rank 0 is the most frequent. The value
 * vocabularies and their frequencies follow the JD sample (../shared/jd-sample).
 */
final class Population {
    // Skew of the three power laws (Zipf-like exponents), fitted by eye to the sample: about 70% of
    // requests have a pair never seen before, two thirds of users make one request, top sku ~1%.
    static final double PAIR_EXPONENT = 0.4;
    static final double USER_EXPONENT = 0.2;
    static final double SKU_EXPONENT = 0.6;

    static final String[] AGES = {"-1", "15岁以下", "16-25岁", "26-35岁", "36-45岁", "46-55岁", "56岁以上"};
    static final double[] AGE_WEIGHTS = {0.118, 0.0002, 0.081, 0.475, 0.273, 0.034, 0.019};
    static final String[] SEXES = {"0", "1", "2"};
    static final double[] SEX_WEIGHTS = {0.455, 0.071, 0.474};
    static final double[] LEVEL_WEIGHTS = {0.017, 0.062, 0.186, 0.303, 0.432};
    static final String[] CATES = {"8", "4", "6", "5", "9", "7", "10", "11"};
    static final double[] CATE_WEIGHTS = {0.33, 0.22, 0.13, 0.12, 0.10, 0.09, 0.011, 0.002};
    /** The sample's bo_product holds only cate-8 skus; others miss the LAST JOIN, as there. */
    static final String PRODUCT_TABLE_CATE = "8";
    static final String[] A1 = {"-1", "1", "2", "3"};
    static final double[] A1_WEIGHTS = {0.035, 0.345, 0.111, 0.509};
    static final String[] A2 = {"-1", "1", "2"};
    static final double[] A2_WEIGHTS = {0.079, 0.609, 0.312};
    static final String[] A3 = {"-1", "1", "2"};
    static final double[] A3_WEIGHTS = {0.079, 0.394, 0.527};
    static final double[] COMMENT_NUM_WEIGHTS = {0.06, 0.03, 0.13, 0.13, 0.65};
    static final int BRANDS = 250;

    /** bo_user.user_reg_tm spans the sample's range: 2004-06-16 to 2016-10-05 (UTC+8 midnights). */
    static final long FIRST_REGISTRATION_DAY = java.time.LocalDate.of(2004, 6, 16).toEpochDay();
    static final long LAST_REGISTRATION_DAY = java.time.LocalDate.of(2016, 10, 5).toEpochDay();

    private Population() {}

    /** A (user, sku) pair; pair_id is "user_id_sku_id" as in the sample. */
    record Pair(long userRank, long skuRank) {
        String userId() {
            return Population.userId(userRank);
        }

        String skuId() {
            return Population.skuId(skuRank);
        }

        String pairId() {
            return userId() + "_" + skuId();
        }
    }

    record User(String userId, String age, String sex, int level, long registeredMillis) {}

    /**
     * A product. {@code badCommentRate} is its underlying bad-comment rate (the weekly bo_comment rows
     * scatter around it); {@code hasComments} says whether bo_comment has rows for it at all.
     */
    record Sku(String skuId, String cate, String br, String a1, String a2, String a3, boolean hasComments,
            int commentNum, double badCommentRate) {
        /** The planted model's "bad comments" flag: a visible bad-comment rate above 5%. */
        boolean badlyReviewed() {
            return hasComments && commentNum > 0 && badCommentRate > 0.05;
        }
    }

    static String userId(long rank) {
        return Long.toString(200_000 + rank);
    }

    /** Sku ids are sparse like the sample's (40..171225): a unique id per rank with a random gap. */
    static String skuId(long rank) {
        return Long.toString(rank * 7 + 1 + Math.floorMod(Randoms.mix64(rank), 7));
    }

    static Pair pair(GeneratorSettings settings, long rank) {
        if (rank == 0) {
            return new Pair(0, 0); // the hot pair: the most active user on the most popular sku
        }
        SplittableRandom random = Randoms.of(settings.seed(), Randoms.PAIR, rank);
        long user = Randoms.powerLawRank(random, settings.users(), USER_EXPONENT);
        long sku = Randoms.powerLawRank(random, settings.skus(), SKU_EXPONENT);
        return new Pair(user, sku);
    }

    static User user(GeneratorSettings settings, long rank) {
        SplittableRandom random = Randoms.of(settings.seed(), Randoms.USER, rank);
        String age = AGES[Randoms.choose(random, AGE_WEIGHTS)];
        String sex = SEXES[Randoms.choose(random, SEX_WEIGHTS)];
        int level = 1 + Randoms.choose(random, LEVEL_WEIGHTS);
        // More recent registrations are more common (square-root law over the span).
        long span = LAST_REGISTRATION_DAY - FIRST_REGISTRATION_DAY;
        long day = FIRST_REGISTRATION_DAY + (long) (Math.sqrt(random.nextDouble()) * span);
        long registered = day * GeneratorSettings.DAY_MS - 8 * GeneratorSettings.HOUR_MS;
        return new User(userId(rank), age, sex, level, registered);
    }

    static Sku sku(GeneratorSettings settings, long rank) {
        SplittableRandom random = Randoms.of(settings.seed(), Randoms.SKU, rank);
        String cate = CATES[Randoms.choose(random, CATE_WEIGHTS)];
        long brand = Randoms.powerLawRank(random, BRANDS, 1.0);
        String br = Long.toString(1 + (brand * 397) % 900); // 397 is prime to 900: distinct codes
        String a1 = A1[Randoms.choose(random, A1_WEIGHTS)];
        String a2 = A2[Randoms.choose(random, A2_WEIGHTS)];
        String a3 = A3[Randoms.choose(random, A3_WEIGHTS)];
        boolean hasComments = Randoms.bernoulli(random, 0.9);
        int commentNum = Randoms.choose(random, COMMENT_NUM_WEIGHTS);
        double rate = 0;
        if (commentNum > 0 && Randoms.bernoulli(random, 0.7)) {
            // Log-normal around 3%, the sample's median non-zero rate; a few products are panned.
            rate = Math.min(1.0, 0.03 * Math.exp(0.9 * random.nextGaussian()));
        }
        return new Sku(skuId(rank), cate, br, a1, a2, a3, hasComments, commentNum, rate);
    }
}

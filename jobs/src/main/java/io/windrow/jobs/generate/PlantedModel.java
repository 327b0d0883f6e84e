package io.windrow.jobs.generate;

/**
 * The planted purchase model behind {@code action.actionValue}. Each request has a few latent
 * quantities, and the generator writes bo_action, bo_user and bo_comment rows consistent with them,
 * so the seed's feature SQL (../shared/jd-sample/features.sql) measures each one:
 * <ul>
 *   <li>{@code C} cart: the pair had add-to-cart actions (type "2", 2-3 rows at one instant) between
 *       11 hours and 7 days before the request. Seen by the 7d/14d {@code fz_topn_frequency(type)}
 *       and {@code distinct_count(type)} windows on bo_action by pair_id.</li>
 *   <li>{@code H} hot intent: at least two pair actions in the 10 hours up to and including the request
 *       (most of them at exactly the request time, as in the sample). Seen by the 10h {@code br}/{@code cate}
 *       top-3 windows (a value counted twice or more outranks the current row's '' placeholder).</li>
 *   <li>{@code F} follow: a type "5" action of the pair within 14 days (14d type windows).</li>
 *   <li>{@code l = (user_lv_cd - 3) / 2} in [-1, 1]: the user's level from bo_user (LAST JOIN).</li>
 *   <li>{@code B} badly reviewed: the sku's bad-comment rate is above 5% (bo_comment's 64d
 *       {@code max(bad_comment_rate)} window); skus without comments have B = 0.</li>
 *   <li>{@code W} weekend: the request falls on Saturday or Sunday in UTC+8 ({@code dayofweek},
 *       {@code isweekday}).</li>
 * </ul>
 * P(buy) = sigmoid(b + 1.4 C + 0.5 H + 0.8 F + 0.35 l - 0.3 B + 0.2 W + 1.2 C·l - 1.8 C·B + 0.9 H·W),
 * with b = {@code generate.intercept} (default -4.8, about 3.5% positives). The interaction terms carry much
 * of the signal: a cart means little for a level-1 user or a badly reviewed product, and recent activity
 * converts mostly at weekends, which a model of main effects alone cannot express. The label is a
 * Bernoulli draw of that probability; the probability itself is written to the side table {@code truth}
 * so the best achievable (Bayes-optimal) AUC of any split can be computed.
 */
public final class PlantedModel {
    static final double CART = 1.4;
    static final double HOT = 0.5;
    static final double FOLLOW = 0.8;
    static final double LEVEL = 0.35;
    static final double BAD = -0.3;
    static final double WEEKEND = 0.2;
    static final double CART_X_LEVEL = 1.2;
    static final double CART_X_BAD = -1.8;
    static final double HOT_X_WEEKEND = 0.9;

    private PlantedModel() {}

    /** The logit of P(buy) for one request's latent quantities. */
    public static double logit(double intercept, boolean cart, boolean hot, boolean follow, int userLevel,
            boolean badlyReviewed, boolean weekend) {
        double c = cart ? 1 : 0;
        double h = hot ? 1 : 0;
        double f = follow ? 1 : 0;
        double l = (userLevel - 3) / 2.0;
        double b = badlyReviewed ? 1 : 0;
        double w = weekend ? 1 : 0;
        return intercept + CART * c + HOT * h + FOLLOW * f + LEVEL * l + BAD * b + WEEKEND * w
                + CART_X_LEVEL * c * l + CART_X_BAD * c * b + HOT_X_WEEKEND * h * w;
    }

    public static double probability(double logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }
}

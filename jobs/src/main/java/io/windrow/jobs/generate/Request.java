package io.windrow.jobs.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.windrow.jobs.generate.GeneratorSettings.DAY_MS;
import static io.windrow.jobs.generate.GeneratorSettings.HOUR_MS;

/**
 * One purchase-intent request (a flattenRequest row) with its latent quantities, its planted
 * probability and label, and the bo_action rows of its pair that it implies. Everything is a pure
 * function of (settings, index): see {@link PlantedModel} for what the latents mean.
 *
 * <p>Event times grow with the index (index i gets a random instant inside its own slot of the
 * span), so two requests never share an instant and reqId = pair_id + "_" + time1 is unique. With up
 * to one request per second of the span, times are whole seconds as in the sample; above that they
 * carry milliseconds and time1 ends in ".SSS".
 */
final class Request {
    static final double NOW_ACTIONS_MEAN = 1.6;
    static final double RECENT_ACTIONS_MEAN = 0.4;
    static final double CART_P = 0.15;
    static final double FOLLOW_P = 0.06;
    static final double SESSIONS_MEAN = 1.2;
    static final double SESSION_EXTRA_ROWS_MEAN = 1.0;
    static final double OLD_ACTIONS_MEAN = 1.5;
    /** The expected bo_action rows one request emits (before clipping at the history start). */
    static final double EXPECTED_ACTIONS = NOW_ACTIONS_MEAN + RECENT_ACTIONS_MEAN + CART_P * 2.3 + FOLLOW_P
            + SESSIONS_MEAN * (1 + SESSION_EXTRA_ROWS_MEAN) + OLD_ACTIONS_MEAN;

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(GeneratorSettings.JD_ZONE);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(GeneratorSettings.JD_ZONE);

    // bo_action vocabularies (JData: 1 browse, 2 add to cart, 3 remove from cart, 4 order, 5 follow, 6 click).
    static final String[] BROWSE_TYPES = {"6", "1"};
    static final double[] BROWSE_WEIGHTS = {0.7, 0.3};
    static final String[] OLD_TYPES = {"6", "1", "2", "3", "4", "5"};
    static final double[] OLD_WEIGHTS = {0.62, 0.30, 0.04, 0.02, 0.01, 0.01};
    /** model_id of click (type 6) rows, most frequent first as in the sample; other types have ''. */
    static final String[] MODEL_IDS = {"0", "216", "217", "218", "26", "27", "211", "24", "29", "21", "17", "111",
            "219", "19", "210", "31", "220", "13", "14", "16", "25", "11", "222", "28"};
    static final double[] MODEL_ID_WEIGHTS = modelIdWeights();
    static final double CLICK_WITHOUT_MODEL_P = 0.022;

    final long index;
    final long timeMillis;
    final Population.Pair pair;
    final Population.User user;
    final Population.Sku sku;
    final int nowActions;
    final int recentActions;
    final boolean cart;
    final long cartMillis;
    final int cartActions;
    final boolean follow;
    final long followMillis;
    final double probability;
    final int label;

    private Request(GeneratorSettings settings, long index) {
        this.index = index;
        SplittableRandom random = Randoms.of(settings.seed(), Randoms.REQUEST, index);
        this.timeMillis = eventMillis(settings, index, random);
        this.pair = Population.pair(settings, Randoms.powerLawRank(random, settings.pairs(), Population.PAIR_EXPONENT));
        this.user = Population.user(settings, pair.userRank());
        this.sku = Population.sku(settings, pair.skuRank());
        this.nowActions = Randoms.poisson(random, NOW_ACTIONS_MEAN);
        this.recentActions = Randoms.poisson(random, RECENT_ACTIONS_MEAN);
        this.cart = Randoms.bernoulli(random, CART_P);
        // Cart and follow rows stay outside the 10h window so that "hot" counts only the recent rows.
        this.cartMillis = timeMillis - uniform(random, 11 * HOUR_MS, 7 * DAY_MS - HOUR_MS);
        this.cartActions = Randoms.bernoulli(random, 0.3) ? 3 : 2;
        this.follow = Randoms.bernoulli(random, FOLLOW_P);
        this.followMillis = timeMillis - uniform(random, 11 * HOUR_MS, 14 * DAY_MS - HOUR_MS);
        double logit = PlantedModel.logit(settings.intercept(), cart, hot(), follow, user.level(),
                sku.badlyReviewed(), weekend());
        this.probability = PlantedModel.probability(logit);
        this.label = Randoms.of(settings.seed(), Randoms.LABEL, index).nextDouble() < probability ? 1 : 0;
    }

    static Request of(GeneratorSettings settings, long index) {
        return new Request(settings, index);
    }

    boolean hot() {
        return nowActions + recentActions >= 2;
    }

    boolean weekend() {
        DayOfWeek day = LocalDate.ofEpochDay(Math.floorDiv(timeMillis + 8 * HOUR_MS, DAY_MS)).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    String time1(GeneratorSettings settings) {
        return (secondResolution(settings) ? SECONDS : MILLIS).format(Instant.ofEpochMilli(timeMillis));
    }

    String reqId(GeneratorSettings settings) {
        return pair.pairId() + "_" + time1(settings);
    }

    /** A unique numeric id like the sample's main_id (an original row number). */
    String mainId() {
        return Long.toString(156 + index * 3 + Math.floorMod(Randoms.mix64(index), 3));
    }

    int splitId(GeneratorSettings settings) {
        return timeMillis >= settings.splitTwoFromMillis() ? 2 : 1;
    }

    /**
     * The bo_action rows this request implies, as (time ms, type, model_id): the burst at the request
     * instant, recent rows within 10h, the cart and follow rows, browsing sessions (bursts with equal
     * timestamps) in the 14 days before, and older rows up to 40 days before, dropped when they would
     * precede the history start (14 days before the first request day).
     */
    List<ActionRow> actions(GeneratorSettings settings) {
        SplittableRandom random = Randoms.of(settings.seed(), Randoms.ACTIONS, index);
        List<ActionRow> rows = new ArrayList<>();
        for (int i = 0; i < nowActions; i++) {
            rows.add(browse(random, timeMillis));
        }
        for (int i = 0; i < recentActions; i++) {
            rows.add(browse(random, timeMillis - uniform(random, 60_000, 10 * HOUR_MS)));
        }
        if (cart) {
            for (int i = 0; i < cartActions; i++) {
                rows.add(new ActionRow(cartMillis, "2", ""));
            }
        }
        if (follow) {
            rows.add(new ActionRow(followMillis, "5", ""));
        }
        int sessions = Randoms.poisson(random, SESSIONS_MEAN);
        for (int s = 0; s < sessions; s++) {
            long at = timeMillis - uniform(random, 11 * HOUR_MS, 14 * DAY_MS);
            int size = 1 + Randoms.poisson(random, SESSION_EXTRA_ROWS_MEAN);
            for (int i = 0; i < size; i++) {
                rows.add(browse(random, at));
            }
        }
        int old = Randoms.poisson(random, OLD_ACTIONS_MEAN);
        long historyStart = historyStartMillis(settings);
        for (int i = 0; i < old; i++) {
            long at = timeMillis - uniform(random, 14 * DAY_MS + HOUR_MS, 40 * DAY_MS);
            String type = OLD_TYPES[Randoms.choose(random, OLD_WEIGHTS)];
            ActionRow row = type.equals("6") ? click(random, at) : new ActionRow(at, type, "");
            if (at >= historyStart) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** bo_action starts 14 days before the first request day, so every request has a full 14d window. */
    static long historyStartMillis(GeneratorSettings settings) {
        return settings.startMillis() - 14 * DAY_MS;
    }

    /** A bo_action row of a pair: its instant, type and model_id (cate and br come from the sku). */
    record ActionRow(long timeMillis, String type, String modelId) {}

    static ActionRow browse(SplittableRandom random, long at) {
        String type = BROWSE_TYPES[Randoms.choose(random, BROWSE_WEIGHTS)];
        return type.equals("6") ? click(random, at) : new ActionRow(at, type, "");
    }

    static ActionRow click(SplittableRandom random, long at) {
        String model = Randoms.bernoulli(random, CLICK_WITHOUT_MODEL_P) ? ""
                : MODEL_IDS[Randoms.choose(random, MODEL_ID_WEIGHTS)];
        return new ActionRow(at, "6", model);
    }

    static boolean secondResolution(GeneratorSettings settings) {
        return settings.requests() <= settings.days() * 86_400L;
    }

    /** Index i's instant: uniform inside its own slot [i, i+1) * span / N, in seconds or in ms. */
    private static long eventMillis(GeneratorSettings settings, long index, SplittableRandom random) {
        long unit = secondResolution(settings) ? 1000 : 1;
        long span = settings.days() * DAY_MS / unit;
        long n = settings.requests();
        long from = Math.floorDiv(index * span, n);
        long to = Math.floorDiv((index + 1) * span, n);
        long offset = to > from ? random.nextLong(to - from) : 0;
        return settings.startMillis() + (from + offset) * unit;
    }

    /** A random offset in [from, to) ms, in whole seconds: bo_action times are whole seconds, as in the sample. */
    private static long uniform(SplittableRandom random, long from, long to) {
        long seconds = (to - from) / 1000;
        return from + random.nextLong(seconds) * 1000;
    }

    private static double[] modelIdWeights() {
        double[] weights = new double[MODEL_IDS.length];
        double[] head = {0.35, 0.165, 0.148, 0.05, 0.047, 0.042, 0.022, 0.015, 0.014, 0.013, 0.009, 0.009};
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i < head.length ? head[i] : 0.005;
        }
        return weights;
    }
}

package io.windrow.jobs.generate;

import com.typesafe.config.Config;
import io.windrow.jobs.WindrowException;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What the synthetic JD data looks like: its scale, seed, time span and population sizes. Read from
 * the {@code generate} config section; every derived size (users, skus, pairs, hot-pair rows) is a
 * fixed function of these values, so the same settings always give the same rows. Serializable
 * because Spark tasks carry it.
 */
public record GeneratorSettings(
        long requests,
        long seed,
        int partitions,
        long startMillis,
        int days,
        double usersPerRequest,
        double skusPerRequest,
        double pairsPerRequest,
        double hotPairShare,
        double intercept) implements Serializable {

    public static final long MIN_REQUESTS = 1_000;
    public static final long MAX_REQUESTS = 100_000_000;
    /** OpenMLDB evaluates dates in UTC+8; the JD sample's days start at 00:00 there. */
    static final ZoneOffset JD_ZONE = ZoneOffset.ofHours(8);
    static final long DAY_MS = 86_400_000L;
    static final long HOUR_MS = 3_600_000L;

    public GeneratorSettings {
        check(requests >= MIN_REQUESTS && requests <= MAX_REQUESTS, "requests",
                "must be between " + MIN_REQUESTS + " and " + MAX_REQUESTS + ", got " + requests);
        check(partitions >= 0, "partitions", "must be >= 0, got " + partitions);
        check(days >= 14 && days <= 365, "days", "must be between 14 and 365, got " + days);
        check(usersPerRequest > 0 && usersPerRequest <= 10, "users-per-request", "must be in (0, 10]");
        check(skusPerRequest > 0 && skusPerRequest <= 10, "skus-per-request", "must be in (0, 10]");
        check(pairsPerRequest > 0 && pairsPerRequest <= 10, "pairs-per-request", "must be in (0, 10]");
        check(hotPairShare >= 0 && hotPairShare < 0.5, "hot-pair-share", "must be in [0, 0.5)");
    }

    /** Reads the {@code generate} section. */
    public static GeneratorSettings from(Config section) {
        String start = section.getString("start");
        long startMillis;
        try {
            startMillis = LocalDate.parse(start).atStartOfDay(JD_ZONE).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new WindrowException("generate.start: expected a date like 2016-02-01, got '" + start + "'");
        }
        return new GeneratorSettings(
                section.getLong("requests"),
                section.getLong("seed"),
                section.getInt("partitions"),
                startMillis,
                section.getInt("days"),
                section.getDouble("users-per-request"),
                section.getDouble("skus-per-request"),
                section.getDouble("pairs-per-request"),
                section.getDouble("hot-pair-share"),
                section.getDouble("intercept"));
    }

    /** A copy with another request count (tests, scale checks). */
    public GeneratorSettings withRequests(long newRequests) {
        return new GeneratorSettings(newRequests, seed, partitions, startMillis, days, usersPerRequest,
                skusPerRequest, pairsPerRequest, hotPairShare, intercept);
    }

    /** A copy with another partition count. */
    public GeneratorSettings withPartitions(int newPartitions) {
        return new GeneratorSettings(requests, seed, newPartitions, startMillis, days, usersPerRequest,
                skusPerRequest, pairsPerRequest, hotPairShare, intercept);
    }

    long users() {
        return Math.max(1, Math.round(requests * usersPerRequest));
    }

    long skus() {
        return Math.max(1, Math.round(requests * skusPerRequest));
    }

    long pairs() {
        return Math.max(1, Math.round(requests * pairsPerRequest));
    }

    long endMillis() {
        return startMillis + days * DAY_MS;
    }

    /** Requests in the last five days get split_id 2, as in the JD sample. */
    long splitTwoFromMillis() {
        return endMillis() - 5 * DAY_MS;
    }

    /** Spark partitions for tables indexed by request: the setting, or one per 500,000 requests. */
    int requestPartitions(int defaultParallelism) {
        if (partitions > 0) {
            return partitions;
        }
        return (int) Math.max(defaultParallelism, (requests + 499_999) / 500_000);
    }

    /** Partitions for a table of {@code rows} entities, proportional to the request partitions. */
    int partitionsFor(long rows, int defaultParallelism) {
        int base = requestPartitions(defaultParallelism);
        return (int) Math.max(1, Math.min(base, (rows + 99_999) / 100_000));
    }

    private static void check(boolean ok, String key, String message) {
        if (!ok) {
            throw new WindrowException("generate." + key + ": " + message);
        }
    }
}

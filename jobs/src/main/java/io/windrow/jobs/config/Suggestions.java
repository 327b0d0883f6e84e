package io.windrow.jobs.config;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * "Did you mean" for a misspelt key or value: the closest known name by edit distance, offered
 * only when it is close enough to be a likely typo (two edits, or a third of the name's length if longer).
 */
public final class Suggestions {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {}

    /** {@code " (did you mean 'x'?)"}, or {@code ""} when no known name is close. */
    public static String didYouMean(String given, Collection<String> known) {
        String lower = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt((String name) -> DISTANCE.apply(lower, name.toLowerCase(Locale.ROOT))))
                .filter(best -> DISTANCE.apply(lower, best.toLowerCase(Locale.ROOT)) <= Math.max(2, given.length() / 3))
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }
}

package io.windrow.jobs;

import static java.util.Objects.requireNonNull;

/**
 * What a finished stage reports: the one-line summary printed for people. The detailed figures
 * go into the output's {@code _metrics.json} through {@link io.windrow.jobs.output.StageOutput}.
 */
public record StageResult(String summary) {
    public StageResult {
        requireNonNull(summary, "summary");
    }
}

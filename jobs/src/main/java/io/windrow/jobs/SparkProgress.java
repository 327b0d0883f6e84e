package io.windrow.jobs;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a running stage in the log, one line every few seconds while Spark works: elapsed
 * time, the Spark stages running with their finished/total tasks. Spark's own console progress bar
 * rewrites one terminal line with carriage returns, which turns into noise in the log files of
 * nightly runs; this prints plain lines instead. It polls Spark's status tracker, so it costs
 * nothing on the executors and sees whichever SparkSession the stage started.
 */
public final class SparkProgress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkProgress.class);

    private final String prefix;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;

    private SparkProgress(String prefix, long intervalSeconds) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "windrow-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** Starts reporting every {@code intervalSeconds}; 0 or less reports nothing. */
    public static SparkProgress start(String prefix, long intervalSeconds) {
        return intervalSeconds > 0 ? new SparkProgress(prefix, intervalSeconds) : null;
    }

    private void report() {
        try {
            SparkSession session = SparkSession.getDefaultSession().getOrElse(() -> null);
            if (session == null || session.sparkContext().isStopped()) {
                return;
            }
            String line = describe(session.sparkContext().statusTracker());
            if (line != null) {
                LOG.info("{}{} elapsed, {}", prefix, elapsed(), line);
            }
        } catch (RuntimeException e) {
            // Progress is a courtesy: a session stopping under us must not disturb the stage.
            LOG.debug("progress report failed", e);
        }
    }

    /** The running Spark stages, or null when none runs (the driver is planning or writing metadata). */
    static String describe(SparkStatusTracker tracker) {
        int[] active = tracker.getActiveStageIds();
        if (active.length == 0) {
            return null;
        }
        Arrays.sort(active);
        StringBuilder line = new StringBuilder(active.length == 1 ? "Spark stage " : "Spark stages ");
        for (int i = 0; i < active.length; i++) {
            SparkStageInfo info = tracker.getStageInfo(active[i]).getOrElse(() -> null);
            if (info == null) {
                continue;
            }
            if (i > 0) {
                line.append(", ");
            }
            line.append(String.format(Locale.ROOT, "%d: %d/%d tasks done, %d running", info.stageId(),
                    info.numCompletedTasks(), info.numTasks(), info.numActiveTasks()));
            if (info.numFailedTasks() > 0) {
                line.append(" (").append(info.numFailedTasks()).append(" failed)");
            }
        }
        return line.toString();
    }

    private String elapsed() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package io.windrow.train;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trainer's progress lines: one per interval, with exact steps, rate and ETAs. */
class EpochProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneLinePerIntervalWithRateAndEtas() {
        EpochProgress progress = new EpochProgress("deepfm", 2, 3, 10_000, 1000, Duration.ofSeconds(10), 7 * SECOND);
        assertThat(progress.after(1, 1000, 12 * SECOND)).isNull();
        // 3000 rows in 10 s: 300/s; 7000 rows left in this epoch (23.3 s) and one more epoch of 10000 (33.3 s).
        assertThat(progress.after(3, 3000, 17 * SECOND))
                .isEqualTo("deepfm epoch 2/3 step 3/10 (30%): 300 samples/s, ETA 23s (epoch), 57s (to epoch 3)");
        assertThat(progress.after(4, 4000, 22 * SECOND)).isNull();
        assertThat(progress.after(8, 8000, 27 * SECOND))
                .isEqualTo("deepfm epoch 2/3 step 8/10 (80%): 400 samples/s, ETA 5s (epoch), 30s (to epoch 3)");
    }

    @Test
    void theLastEpochHasNoRunEta() {
        EpochProgress progress = new EpochProgress("lr", 3, 3, 2500, 1000, Duration.ofSeconds(10), 0);
        assertThat(progress.after(2, 2000, 10 * SECOND)).isEqualTo("lr epoch 3/3 step 2/3 (80%): 200 samples/s, ETA 3s (epoch)");
    }

    @Test
    void durationsReadAtAGlance() {
        assertThat(EpochProgress.duration(42.4)).isEqualTo("42s");
        assertThat(EpochProgress.duration(187)).isEqualTo("3m07s");
        assertThat(EpochProgress.duration(7500)).isEqualTo("2h05m");
    }

    @Test
    void rejectsAnEpochOutsideTheRun() {
        assertThatThrownBy(() -> new EpochProgress("deepfm", 4, 3, 10, 1, Duration.ofSeconds(10), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch 4/3");
    }
}

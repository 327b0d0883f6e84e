package io.windrow.jobs;

import io.windrow.testing.TestSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SparkProgressTest {
    @Test
    void describesTheRunningStageWithItsTaskCounts() throws Exception {
        SparkSession spark = TestSpark.spark();
        // Not stopped afterwards: other test classes of this JVM may share the session.
        assertThat(SparkProgress.describe(spark.sparkContext().statusTracker())).isNull();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // Four tasks on two cores: the first two sleep while the tracker is asked.
        CompletableFuture<Long> job = CompletableFuture.supplyAsync(() -> context
                .parallelize(List.of(1, 2, 3, 4), 4).map(x -> {
                    Thread.sleep(1500);
                    return x;
                }).count());
        String line = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (line == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            line = SparkProgress.describe(spark.sparkContext().statusTracker());
        }
        assertThat(line).matches("Spark stage \\d+: [0-3]/4 tasks done, [0-2] running");
        assertThat(job.get(60, TimeUnit.SECONDS)).isEqualTo(4L);
    }

    @Test
    void noIntervalMeansNoReporter() {
        assertThat(SparkProgress.start("windrow x: ", 0)).isNull();
    }
}

package io.windrow.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of one timed run in this process: the JVM heap (sum of the heap pools' peaks, reset
 * before the run) and the resident set (Linux VmHWM, reset through /proc/self/clear_refs), which
 * also covers DuckDB's native memory. Figures that the platform cannot give are absent.
 */
public final class PeakMemory {
    private PeakMemory() {}

    /** Resets both peaks; call right before a run. */
    public static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not permitted: the RSS peak then covers the whole process life.
        }
    }

    /** Sum of the heap pools' peak usage since {@link #reset}, in bytes. */
    public static long heapPeakBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    /** Peak resident set since {@link #reset} (VmHWM), in bytes, when /proc has it. */
    public static OptionalLong rssPeakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: leave the figure out.
        }
        return OptionalLong.empty();
    }
}

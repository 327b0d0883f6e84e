package io.windrow.preprocess;

import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * xxHash64 of a string's UTF-8 bytes, as a signed 64-bit value: the same number Python's
 * {@code xxhash.xxh64(s, seed).intdigest()} gives once reinterpreted as int64 (what the demo's
 * {@code astype('int64')} does). Backed by lz4-java, which ships with Spark, so hashing behaves
 * identically on executors and in single-row scoring without a SparkSession.
 */
public final class XxHash64 {
    /** The seed the OpenMLDB demo hashes with. */
    public static final long DEMO_SEED = 10L;

    // The pure-Java implementation: same results everywhere, no native library to load.
    private static final XXHash64 HASH = XXHashFactory.fastestJavaInstance().hash64();

    private XxHash64() {}

    public static long hash(String value, long seed) {
        requireNonNull(value, "value");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return HASH.hash(bytes, 0, bytes.length, seed);
    }

    public static long hash(byte[] bytes, long seed) {
        requireNonNull(bytes, "bytes");
        return HASH.hash(bytes, 0, bytes.length, seed);
    }
}

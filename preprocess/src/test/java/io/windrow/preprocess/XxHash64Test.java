package io.windrow.preprocess;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known xxHash64 vectors: the reference implementation's empty-input value, and values computed
 * with Python's {@code xxhash} 3.0 ({@code xxh64(s, seed=10).intdigest()} as int64), the library
 * the demo uses.
 */
class XxHash64Test {
    @Test
    void referenceVectors() {
        assertThat(XxHash64.hash("", 0)).isEqualTo(0xEF46DB3751D8E999L);
        // Spec sanity vector from the xxHash repository: XXH64("a", 0) = 0xD24EC4F1A98C6E5B.
        assertThat(XxHash64.hash("a".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
    }

    @Test
    void matchesPythonXxhashWithDemoSeed() {
        assertThat(XxHash64.hash("", XxHash64.DEMO_SEED)).isEqualTo(1851709867586078768L);
        assertThat(XxHash64.hash("nan", XxHash64.DEMO_SEED)).isEqualTo(-3560370502094095452L);
        assertThat(XxHash64.hash("None", XxHash64.DEMO_SEED)).isEqualTo(-1757660836475594863L);
        assertThat(XxHash64.hash("a", XxHash64.DEMO_SEED)).isEqualTo(2979951324382242040L);
        assertThat(XxHash64.hash("abc", XxHash64.DEMO_SEED)).isEqualTo(4358883595336815187L);
        assertThat(XxHash64.hash("123", XxHash64.DEMO_SEED)).isEqualTo(4526918285185040811L);
        assertThat(XxHash64.hash("0.5", XxHash64.DEMO_SEED)).isEqualTo(8978051828777357506L);
        assertThat(XxHash64.hash("1.0", XxHash64.DEMO_SEED)).isEqualTo(4665192976968367878L);
        assertThat(XxHash64.hash("200001_80005_2016-03-31 18:11:20", XxHash64.DEMO_SEED))
                .isEqualTo(-8726315818600186000L);
        assertThat(XxHash64.hash("1459419080000", XxHash64.DEMO_SEED)).isEqualTo(4999253176654003134L);
        assertThat(XxHash64.hash("中文", XxHash64.DEMO_SEED)).isEqualTo(4312541145948346928L);
        assertThat(XxHash64.hash("x".repeat(100), XxHash64.DEMO_SEED)).isEqualTo(4645369316187367328L);
    }
}

package io.windrow.udf.support;

import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared helpers: C-exact %f, OpenMLDB's key order, counters, sums that rows can leave. */
class SupportTest {
    @Test
    void formatsCastsToStringLikeCppStreams() {
        // C's %g (printf("%g") prints the same): six significant digits, no trailing zeros.
        assertThat(ValueFormat.formatGeneral(10.0)).isEqualTo("10");
        assertThat(ValueFormat.formatGeneral(1.1)).isEqualTo("1.1");
        assertThat(ValueFormat.formatGeneral(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(ValueFormat.formatGeneral(1.0 / 3)).isEqualTo("0.333333");
        assertThat(ValueFormat.formatGeneral(3.14159265)).isEqualTo("3.14159");
        assertThat(ValueFormat.formatGeneral(123456.7)).isEqualTo("123457");
        assertThat(ValueFormat.formatGeneral(100000.0)).isEqualTo("100000");
        assertThat(ValueFormat.formatGeneral(1e6)).isEqualTo("1e+06");
        assertThat(ValueFormat.formatGeneral(1234567.0)).isEqualTo("1.23457e+06");
        assertThat(ValueFormat.formatGeneral(999999.5)).isEqualTo("1e+06");
        assertThat(ValueFormat.formatGeneral(0.0001)).isEqualTo("0.0001");
        assertThat(ValueFormat.formatGeneral(2.5e-5)).isEqualTo("2.5e-05");
        assertThat(ValueFormat.formatGeneral(1e100)).isEqualTo("1e+100");
        assertThat(ValueFormat.formatGeneral(-2.5)).isEqualTo("-2.5");
        assertThat(ValueFormat.formatGeneral(0.0)).isEqualTo("0");
        assertThat(ValueFormat.formatGeneral(-0.0)).isEqualTo("-0");
        assertThat(ValueFormat.formatGeneral(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void formatsLikeOpenMldb() {
        assertThat(ValueFormat.format(1.1f)).isEqualTo("1.100000");
        assertThat(ValueFormat.format(2.5d)).isEqualTo("2.500000");
        // C rounds the exact binary value (Python's '%f' agrees): 2.0000125 is 2.00001249999...,
        // 1.0000015 is 1.00000149999..., 5e-7 is 4.99999...e-7.
        assertThat(ValueFormat.formatDouble(2.0000125)).isEqualTo("2.000012");
        assertThat(ValueFormat.formatDouble(1.0000015)).isEqualTo("1.000001");
        assertThat(ValueFormat.formatDouble(5e-7)).isEqualTo("0.000000");
        assertThat(ValueFormat.formatDouble(0.125)).isEqualTo("0.125000");
        assertThat(ValueFormat.formatDouble(-0.0)).isEqualTo("-0.000000");
        assertThat(ValueFormat.formatDouble(-1e-9)).isEqualTo("-0.000000");
        assertThat(ValueFormat.formatDouble(1e20)).isEqualTo("100000000000000000000.000000");
        assertThat(ValueFormat.formatDouble(Double.NaN)).isEqualTo("nan");
        assertThat(ValueFormat.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(ValueFormat.format((short) -3)).isEqualTo("-3");
        assertThat(ValueFormat.format(new Timestamp(0))).isEqualTo("1970-01-01 08:00:00");
        assertThat(ValueFormat.format(Instant.ofEpochMilli(1590738990000L))).isEqualTo("2020-05-29 15:56:30");
        assertThat(ValueFormat.format(Date.valueOf("2020-05-01"))).isEqualTo("2020-05-01");
        assertThat(ValueFormat.format(LocalDate.of(2020, 5, 1))).isEqualTo("2020-05-01");
        assertThat(ValueFormat.format(true)).isEqualTo("true");
    }

    @Test
    void ordersKeysLikeCpp() {
        List<Object> strings = new java.util.ArrayList<>(List.of("b", "\uD83D\uDE00", "\uFF5E", "B", ""));
        strings.sort(KeyOrder.INSTANCE);
        assertThat(strings).containsExactly("", "B", "b", "\uFF5E", "\uD83D\uDE00");
        assertThat(KeyOrder.INSTANCE.compare(9, 10)).isNegative();
        assertThat(KeyOrder.INSTANCE.compare(-0.0, 0.0)).isNegative();
        assertThat(KeyOrder.canonical(-0.0)).isEqualTo(0.0);
        assertThat(KeyOrder.INSTANCE.compare(new Timestamp(5), new Timestamp(4))).isPositive();
    }

    @Test
    void frequencyCounterFollowsRemovals() {
        FrequencyCounter counter = FrequencyCounter.ranked();
        for (Object key : List.of("a", "b", "b", "c", "c")) {
            counter.add(key);
        }
        assertThat(counter.maxCount()).isEqualTo(2);
        assertThat(counter.mostFrequent(3)).containsExactly("b", "c", "a");
        counter.remove("b");
        counter.remove("c");
        assertThat(counter.maxCount()).isEqualTo(1);
        assertThat(counter.mostFrequent(2)).containsExactly("a", "b");
        assertThat(counter.distinct()).isEqualTo(3);
        assertThat(counter.countsOfKeys()).containsExactly(1, 1, 1);
        counter.remove("a");
        counter.remove("b");
        counter.remove("c");
        assertThat(counter.maxCount()).isZero();
        assertThat(counter.total()).isZero();
    }

    @Test
    void stringKeysOrderAsTheirUtf8Bytes() {
        java.util.Random random = new java.util.Random(7);
        // Units from every region whose UTF-16 and code point orders differ: ASCII, U+D7FF, U+E000-FFFF, pairs.
        String[] pieces = {"a", "b", "\uD7FF", "\uE000", "\uFF5E", "\uFFFF", "\uD83D\uDE00", "\uD83D\uDE01", "\uD800\uDC00", ""};
        for (int i = 0; i < 20_000; i++) {
            String x = randomString(random, pieces);
            String y = randomString(random, pieces);
            int expected = Integer.signum(java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(Integer.signum(KeyOrder.INSTANCE.compare(x, y))).as("%s vs %s", x, y).isEqualTo(expected);
        }
    }

    private static String randomString(java.util.Random random, String[] pieces) {
        StringBuilder out = new StringBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    /**
     * Property: the ranking equals a full sort of the counts after every step of random adds and
     * removes, while the frame grows past the size at which the counter keeps an index and shrinks
     * back below the one at which it drops it.
     */
    @Test
    void frequencyRankingMatchesASortAcrossTheIndexThresholds() {
        java.util.Random random = new java.util.Random(11);
        FrequencyCounter counter = FrequencyCounter.ranked();
        java.util.ArrayDeque<Object> frame = new java.util.ArrayDeque<>();
        java.util.Map<Object, Integer> naive = new java.util.HashMap<>();
        int target = 0;
        int largest = 0;
        int smallestAfterLargest = Integer.MAX_VALUE;
        for (int step = 0; step < 6_000; step++) {
            if (step % 1_000 == 0) {
                target = target == 0 ? 2_000 : 0; // grow past INDEX_ABOVE distinct keys, then empty out
            }
            boolean grow = frame.size() < target ? random.nextInt(10) < 8 : random.nextInt(10) < 2;
            if (grow || frame.isEmpty()) {
                String key = "k" + random.nextInt(600);
                frame.addLast(key);
                counter.add(key);
                naive.merge(key, 1, Integer::sum);
            } else {
                Object key = frame.pollFirst();
                counter.remove(key);
                naive.computeIfPresent(key, (k, c) -> c == 1 ? null : c - 1);
            }
            int n = List.of(1, 3, 20).get(step % 3);
            List<Object> expected = naive.keySet().stream()
                    .sorted(java.util.Comparator.<Object>comparingInt(naive::get).reversed().thenComparing(KeyOrder.INSTANCE))
                    .limit(n).toList();
            assertThat(counter.mostFrequent(n)).as("step %d, %d distinct", step, naive.size()).isEqualTo(expected);
            largest = Math.max(largest, naive.size());
            if (largest > FrequencyCounter.INDEX_ABOVE) {
                smallestAfterLargest = Math.min(smallestAfterLargest, naive.size());
            }
        }
        assertThat(counter.distinct()).isEqualTo(naive.size());
        assertThat(largest).isGreaterThan(FrequencyCounter.INDEX_ABOVE);
        assertThat(smallestAfterLargest).isLessThan(FrequencyCounter.UNINDEX_BELOW);
    }

    @Test
    void compensatedSumForgetsWhatLeft() {
        CompensatedSum sum = new CompensatedSum();
        sum.add(1e20);
        sum.add(1.0);
        sum.add(Double.NaN);
        sum.subtract(1e20);
        sum.subtract(Double.NaN);
        assertThat(sum.value()).isEqualTo(1.0);
        sum.add(Double.POSITIVE_INFINITY);
        assertThat(sum.value()).isEqualTo(Double.POSITIVE_INFINITY);
        sum.subtract(Double.POSITIVE_INFINITY);
        assertThat(sum.value()).isEqualTo(1.0);
    }

    @Test
    void dequeKeepsNullsAndGrows() {
        ValueDeque deque = new ValueDeque();
        for (int i = 0; i < 20; i++) {
            deque.addNewest(i % 3 == 0 ? null : i);
        }
        assertThat(deque.fromNewest(0)).isEqualTo(19);
        assertThat(deque.fromOldest(0)).isNull();
        assertThat(deque.removeOldest()).isNull();
        assertThat(deque.removeNewest()).isEqualTo(19);
        assertThat(deque.size()).isEqualTo(18);
        assertThat(deque.fromOldest(0)).isEqualTo(1);
    }
}

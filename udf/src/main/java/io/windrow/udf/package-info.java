/**
 * Windrow's window-function library: OpenMLDB's aggregates as incremental {@link
 * io.windrow.udf.WindowState}s, found through {@link io.windrow.udf.FunctionRegistry#standard()}.
 *
 * <p>Where to look: one class per function in {@code aggregate} (count, sum, avg, min, max,
 * distinct_count, topn_frequency, top1_ratio, median, entropy, ew_avg, drawdown; {@code Where}
 * makes the {@code *_where} forms), {@code navigation} (lag/at, first_value/last_value),
 * {@code category} (the whole {@code *_cate} family in {@code CategoryAggregate}), shared helpers
 * in {@code support} (value formatting, key order, frequency counting, sorted multiset, sums,
 * deque), Spark SQL registration in {@code spark}.
 *
 * <p>Rules decided here (checked against OpenMLDB's yaml cases, see the tests):
 * <ul>
 *   <li>Result types follow OpenMLDB: count/distinct_count bigint; sum, min, max keep the value's
 *       type (sum of int is int, wrapping; sum of timestamp is a timestamp); avg, median, entropy,
 *       top1_ratio, ew_avg, drawdown double; the string functions string.</li>
 *   <li>NULL values are skipped everywhere except distinct_count, where a NULL counts as its type's
 *       zero value (OpenMLDB: [4, 4, NULL] gives 2, [false, true, NULL] gives 2), and lag /
 *       first_value / last_value, which return a NULL row's NULL. A NULL condition is false.</li>
 *   <li>Floats and doubles are summed in double with compensation (OpenMLDB sums floats in float,
 *       newest first); results agree to OpenMLDB's test tolerance, not always to the last bit.</li>
 *   <li>Text: integers {@code %d}, floats {@code %f} rounded like C, timestamps
 *       {@code yyyy-MM-dd HH:mm:ss} in UTC+8, dates {@code yyyy-MM-dd}; keys ordered like C++
 *       (numbers by value, strings bytewise).</li>
 * </ul>
 */
package io.windrow.udf;

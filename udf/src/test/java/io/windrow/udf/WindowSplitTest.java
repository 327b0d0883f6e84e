package io.windrow.udf;

import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.udf.WindowRunner.column;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * window_split, window_split_by_key, window_split_by_value, join and aggregates over a split list,
 * with the values of test_feature_zero_function.yaml cases 1, 3, 4 and 5.
 */
class WindowSplitTest {
    private static final FunctionRegistry REGISTRY = FunctionRegistry.standard();
    private static final int WHOLE = 10;

    /** {@code outer(split(c, delimiters...), outerConstants...) OVER (ROWS preceding PRECEDING)}. */
    private static List<Object> over(String outer, String split, List<Object> constants, int preceding, Object... values) {
        WindowFunction f = REGISTRY.lookupOverSplit(outer, split).orElseThrow();
        List<DataType> types = new ArrayList<>(List.of(StringType));
        constants.forEach(c -> types.add(c instanceof Integer ? IntegerType : StringType));
        return WindowRunner.rows(f, types, constants, preceding, column(values));
    }

    private static final Object[] CASE1 = {"k1:v1,k2:v2", "k3:v3", "???,,k4:v4", null, "k5:v5,k5:v3"};

    @Test
    void featureZeroCase1() {
        assertThat(over("join", "window_split", List.of(",", " "), WHOLE, CASE1)).containsExactly("k1:v1 k2:v2",
                "k3:v3 k1:v1 k2:v2", "???  k4:v4 k3:v3 k1:v1 k2:v2", "???  k4:v4 k3:v3 k1:v1 k2:v2",
                "k5:v5 k5:v3 ???  k4:v4 k3:v3 k1:v1 k2:v2");
        assertThat(over("fz_join", "window_split_by_key", List.of(",", ":", " "), WHOLE, CASE1)).containsExactly(
                "k1 k2", "k3 k1 k2", "k4 k3 k1 k2", "k4 k3 k1 k2", "k5 k5 k4 k3 k1 k2");
        assertThat(over("join", "fz_window_split_by_value", List.of(",", ":", " "), WHOLE, CASE1)).containsExactly(
                "v1 v2", "v3 v1 v2", "v4 v3 v1 v2", "v4 v3 v1 v2", "v5 v3 v4 v3 v1 v2");
        assertThat(over("count", "window_split_by_key", List.of(",", ":"), WHOLE, CASE1)).containsExactly(2L, 3L, 4L, 4L, 6L);
        assertThat(over("distinct_count", "window_split_by_key", List.of(",", ":"), WHOLE, CASE1))
                .containsExactly(2L, 3L, 4L, 4L, 5L);
        // table_2_kn_0..2, on the rows whose c1 is not NULL (the case expression makes row 4 NULL)
        assertThat(over("distinct_count", "window_split", List.of(","), WHOLE, CASE1)).containsExactly(2L, 3L, 6L, 6L, 8L);
        assertThat(over("distinct_count", "window_split_by_value", List.of(",", ":"), WHOLE, CASE1))
                .containsExactly(2L, 3L, 4L, 4L, 5L);
    }

    @Test
    void featureZeroCase3Top1RatioAndJoin() {
        // c6 of partition pk = 1, then pk = 2; ROWS BETWEEN 2 PRECEDING AND CURRENT ROW
        List<Object> pk1 = over("top1_ratio", "window_split_by_value", List.of(" ", ":"), 2, "1:1 1:2", "1:1", "1:1 1:3");
        assertThat((Double) pk1.get(0)).isEqualTo(0.5);
        assertThat((Double) pk1.get(1)).isCloseTo(0.66666666666666663, within(1e-15));
        assertThat((Double) pk1.get(2)).isEqualTo(0.6);
        List<Object> pk2 = over("top1_ratio", "window_split_by_value", List.of(" ", ":"), 2, "1:3", "1:2 1:3");
        assertThat((Double) pk2.get(0)).isEqualTo(1.0);
        assertThat((Double) pk2.get(1)).isCloseTo(0.66666666666666663, within(1e-15));
        assertThat(over("join", "window_split_by_value", List.of(" ", ":", " "), 2, "1:1 1:2", "1:1", "1:1 1:3"))
                .containsExactly("1 2", "1 1 2", "1 3 1 1 2");
        assertThat(over("join", "window_split_by_value", List.of(" ", ":", " "), 2, "1:3", "1:2 1:3"))
                .containsExactly("3", "2 3 3");
    }

    @Test
    void featureZeroCase4TopNFrequency() {
        assertThat(over("topn_frequency", "window_split_by_key", List.of(" ", ":", 3), 2, "1:2 4:3", "4:2 8:3", null))
                .containsExactly("1,4,NULL", "4,1,8", "4,1,8");
        // an empty list is an empty frame: "" where a NULL row gives "NULL,NULL,NULL"
        assertThat(over("topn_frequency", "window_split_by_key", List.of(" ", ":", 3), 2, null, "1:2 1:3"))
                .containsExactly("", "1,NULL,NULL");
        assertThat(over("topn_frequency", "window_split", List.of(",", 3), 2, "1:2 1:3", "1:7 1:3", "1:2 1:3"))
                .containsExactly("1:2 1:3,NULL,NULL", "1:2 1:3,1:7 1:3,NULL", "1:2 1:3,1:7 1:3,NULL");
        assertThat(over("fz_topn_frequency", "window_split_by_value", List.of(" ", ":", 3), 2, "1:1 1:2", "1:1", "1:1 1:3"))
                .containsExactly("1,2,NULL", "1,2,NULL", "1,2,3");
        assertThat(over("topn_frequency", "window_split_by_value", List.of(" ", ":", 3), 2, "1:3", "1:2 1:3"))
                .containsExactly("3,NULL,NULL", "3,2,NULL");
    }

    @Test
    void featureZeroCase5EmptyDelimitersGiveEmptyLists() {
        Object[] c1 = {"a", "b", "c", null, "e"};
        assertThat(over("join", "window_split", List.of("", " "), WHOLE, c1)).containsOnly("");
        assertThat(over("join", "window_split_by_key", List.of("", "", " "), WHOLE, c1)).containsOnly("");
        assertThat(over("join", "window_split_by_value", List.of("", "", " "), WHOLE, c1)).containsOnly("");
    }

    @Test
    void windowSplitAloneIsTheListNewestRowFirst() {
        assertThat(WindowRunner.rows("fz_window_split", List.of(StringType, StringType), List.of(","), 1,
                column("a,b", null, "c", "d,e,f")))
                .containsExactly(List.of("a", "b"), List.of("a", "b"), List.of("c"), List.of("d", "e", "f", "c"));
    }

    @Test
    void joinIsAWindowAggregateOnlyOverASplitList() {
        // registered by name it would turn the scalar join(split(s, ","), " ") without OVER into an aggregate
        assertThat(REGISTRY.lookup("join")).isEmpty();
        assertThat(REGISTRY.lookup("fz_join")).isEmpty();
        assertThat(REGISTRY.lookupOverSplit("FZ_JOIN", "window_split")).isPresent();
    }

    @Test
    void anOverSplitIsFoundAgainByItsName() {
        // the planner names the call by it; the executors look it up again by that name
        WindowFunction f = REGISTRY.lookupOverSplit("distinct_count", "window_split_by_key").orElseThrow();
        assertThat(f.name()).isEqualTo("distinct_count(window_split_by_key)");
        assertThat(REGISTRY.lookup(f.name()).orElseThrow().name()).isEqualTo(f.name());
        assertThat(REGISTRY.lookup("join(window_split)")).isPresent();
        assertThat(REGISTRY.lookup("count(count)")).isEmpty();
    }

    @Test
    void rejectsWhatOpenMldbRejects() {
        assertThatThrownBy(() -> REGISTRY.lookupOverSplit("count_where", "window_split").orElseThrow()
                .resultType(List.of(StringType, StringType))).hasMessageContaining("count_where");
        assertThat(REGISTRY.lookupOverSplit("count", "count")).isEmpty();
        assertThatThrownBy(() -> REGISTRY.lookup("window_split").orElseThrow().resultType(List.of(IntegerType, StringType)))
                .hasMessageContaining("window_split");
        assertThatThrownBy(() -> REGISTRY.lookup("window_split_by_key").orElseThrow()
                .newState(List.of(StringType, StringType, StringType), java.util.Arrays.asList(",", null)))
                .hasMessageContaining("window_split_by_key: the delimiters must be string constants");
    }
}

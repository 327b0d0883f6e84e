package io.windrow.udf.scalar;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.windrow.udf.scalar.Calls.call;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.STRING_LIST;
import static org.assertj.core.api.Assertions.assertThat;

class FeatureZeroScalarsTest {
    private static Object split(String s, String delimiter) {
        return call("split", List.of(STRING, STRING), s, delimiter);
    }

    private static Object byKey(String s) {
        return call("split_by_key", List.of(STRING, STRING, STRING), s, ",", ":");
    }

    private static Object byValue(String s) {
        return call("split_by_value", List.of(STRING, STRING, STRING), s, ",", ":");
    }

    private static Object join(Object list, String delimiter) {
        return call("join", List.of(STRING_LIST, STRING), list, delimiter);
    }

    private static Object size(Object list) {
        return call("size", List.of(STRING_LIST), list);
    }

    @Test
    void splitJoinAndSizeOfOpenMldbCases() {
        // test_feature_zero_function id 2 (join) and id 6 (size), rows 1-5
        List<String> inputs = new ArrayList<>(List.of("k1:v1,k2:v2", "k3:v3", "???,,k4:v4"));
        inputs.add(null);
        inputs.add("k5:v5,k3:v3");
        List<Object> joined = new ArrayList<>();
        List<Object> sizes = new ArrayList<>();
        for (String s : inputs) {
            joined.add(List.of(join(split(s, ","), " "), join(byKey(s), " "), join(byValue(s), " ")));
            sizes.add(List.of(size(split(s, ",")), size(byKey(s)), size(byValue(s))));
        }
        assertThat(joined).containsExactly(
                List.of("k1:v1 k2:v2", "k1 k2", "v1 v2"),
                List.of("k3:v3", "k3", "v3"),
                List.of("???  k4:v4", "k4", "v4"),
                List.of("", "", ""),
                List.of("k5:v5 k3:v3", "k5 k3", "v5 v3"));
        assertThat(sizes).containsExactly(List.of(2, 2, 2), List.of(1, 1, 1), List.of(3, 1, 1), List.of(0, 0, 0),
                List.of(2, 2, 2));
        // id 5: an empty delimiter gives an empty list
        assertThat(split("a", "")).isEqualTo(List.of());
        assertThat(call("split_by_key", List.of(STRING, STRING, STRING), "a", "", "")).isEqualTo(List.of());
        assertThat(split("a", null)).isNull();
        // OpenMLDB doc: split_by_key("k1:1, k2:2", ",", ":") joined is "k1  k2" (the space stays in the key)
        assertThat(join(call("split_by_key", List.of(STRING, STRING, STRING), "k1:1, k2:2", ",", ":"), " "))
                .isEqualTo("k1  k2");
        assertThat(split("a,", ",")).isEqualTo(List.of("a", ""));
        assertThat(split("", ",")).isEqualTo(List.of(""));
        assertThat(split("a::b", "::")).isEqualTo(List.of("a", "b"));
        assertThat(byValue("a:1:2,b:,c")).isEqualTo(List.of("1", ""));
        assertThat(size(split("x".repeat(4000) + "," + "y".repeat(200) + ",z", ","))).isEqualTo(2);
    }

    @Test
    void atTakesTheIthStringFromZero() {
        // test_udf_function id 7: at(split("7,8,9", ","), 0..3)
        Object list = split("7,8,9", ",");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            values.add(call("at", List.of(STRING_LIST, INT32), list, i));
        }
        assertThat(values).containsExactly("7", "8", "9", null);
        assertThat(call("at", List.of(STRING_LIST, INT32), list, -1)).isNull();
    }

    @Test
    void listExceptByKeyAndByValue() {
        // test_feature_zero_function id 7
        List<Object> rows = new ArrayList<>();
        for (String val : List.of("a:1,b:2,c:0", "abc", "a,b,c")) {
            Object list = split(val, ",");
            rows.add(List.of(
                    join(call("list_except_by_key", List.of(STRING_LIST, STRING), list, "a,b"), " "),
                    join(call("list_except_by_value", List.of(STRING_LIST, STRING), list, "1,2"), " "),
                    join(call("list_except_by_key", List.of(STRING_LIST, STRING), list, ""), " "),
                    join(call("list_except_by_value", List.of(STRING_LIST, STRING), list, ""), " ")));
        }
        assertThat(rows).containsExactly(
                List.of("c:0", "c:0", "a:1 b:2 c:0", "a:1 b:2 c:0"),
                List.of("abc", "abc", "abc", ""),
                List.of("c", "a b c", "a b c", ""));
    }
}

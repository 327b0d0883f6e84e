package io.windrow.udf.scalar;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.windrow.udf.scalar.Calls.bind;
import static io.windrow.udf.scalar.Calls.call;
import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.NULL;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionalAndStringScalarsTest {
    @Test
    void ifnullTakesTheCommonTypeOfBothArguments() {
        // test_condition id 9: ifnull(int, "abc") is a string
        assertThat(bind("ifnull", INT32, STRING).parameterTypes()).containsExactly(STRING, STRING);
        assertThat(call("ifnull", List.of(INT32, STRING), "0", "abc")).isEqualTo("0");
        assertThat(call("ifnull", List.of(INT32, STRING), null, "abc")).isEqualTo("abc");
        // id 12, 13, 14: int64 and int stay int64; int64 and double meet in double; NULL takes the other
        assertThat(bind("ifnull", INT64, INT32).resultType()).isEqualTo(INT64);
        assertThat(bind("nvl", INT64, DOUBLE).resultType()).isEqualTo(DOUBLE);
        assertThat(bind("ifnull", INT32, NULL).resultType()).isEqualTo(INT32);
        assertThat(bind("ifnull", NULL, INT32).resultType()).isEqualTo(INT32);
        assertThat(call("ifnull", List.of(INT64, INT32), null, 24L)).isEqualTo(24L);
        assertThat(bind("ifnull", INT32, INT32).nullInNullOut()).isFalse();
    }

    @Test
    void nvl2IfCoalesceAndIsNull() {
        // test_condition NVL2-1, NVL2-2, id 14
        assertThat(call("nvl2", List.of(INT32, STRING, STRING), 0, "abc", "def")).isEqualTo("abc");
        assertThat(call("nvl2", List.of(INT32, STRING, STRING), null, "abc", "def")).isEqualTo("def");
        assertThat(bind("nvl2", INT32, STRING, INT32).parameterTypes()).containsExactly(INT32, STRING, STRING);
        assertThat(bind("nvl2", BOOL, STRING, INT32).resultType()).isEqualTo(STRING);
        assertThat(bind("nvl2", NULL, INT64, FLOAT).resultType()).isEqualTo(DOUBLE);
        assertThat(bind("nvl2", INT32, INT32, FLOAT).resultType()).isEqualTo(FLOAT);
        assertThat(call("if", List.of(BOOL, INT32, INT32), true, 1, 2)).isEqualTo(1);
        assertThat(call("if", List.of(BOOL, INT32, INT32), null, 1, 2)).isEqualTo(2);
        assertThat(call("coalesce", List.of(INT32, INT32, INT32), null, null, 3)).isEqualTo(3);
        assertThat(call("coalesce", List.of(INT32, INT32), null, null)).isNull();
        assertThat(call("isnull", List.of(STRING), (Object) null)).isEqualTo(true);
        assertThat(call("is_null", List.of(INT32), 0)).isEqualTo(false);
        assertThat(bind("is_null", TIMESTAMP).resultType()).isEqualTo(BOOL);
        assertThat(call("identity", List.of(INT64), 5L)).isEqualTo(5L);
    }

    @Test
    void concatJoinsStringsAndANullMakesNull() {
        // test_string id 0, 1, 2, 3 (values already cast to string by the analyzer)
        assertThat(bind("concat", STRING, INT32, TIMESTAMP).parameterTypes()).containsExactly(STRING, STRING, STRING);
        assertThat(call("concat", List.of(STRING, STRING, STRING), "aa", "bbb", "cc")).isEqualTo("aabbbcc");
        assertThat(call("concat", List.of(STRING, STRING), "aa", null)).isNull();
        assertThat(call("concat_ws", List.of(STRING, STRING), "-", "bbb")).isEqualTo("bbb");
        assertThat(call("concat_ws", List.of(STRING, STRING, STRING, STRING), "-", "aa", "bbb", "cc"))
                .isEqualTo("aa-bbb-cc");
        assertThat(call("concat_ws", List.of(STRING, STRING, STRING), "aa", "aa", "0")).isEqualTo("aaaa0");
        assertThat(call("concat_ws", List.of(STRING, STRING, STRING), "aa", "aa", null)).isNull();
        assertThat(call("concat_ws", List.of(STRING, STRING, STRING), null, "aa", "b")).isNull();
        assertThat(call("concat_ws", List.of(STRING), "-")).isEqualTo("");
    }

    @Test
    void substringCountsBytesFromOneOrFromTheEnd() {
        // test_string id 7: "123456789" with (3), (3,2), (3,20), (30,2), (30)
        List<Object> results = List.of(
                call("substr", List.of(STRING, INT32), "123456789", 3),
                call("substr", List.of(STRING, INT32, INT32), "123456789", 3, 2),
                call("substring", List.of(STRING, INT32, INT32), "123456789", 3, 20),
                call("substring", List.of(STRING, INT32, INT32), "123456789", 30, 2),
                call("substring", List.of(STRING, INT32), "123456789", 30));
        assertThat(results).containsExactly("3456789", "34", "3456789", "", "");
        assertThat(call("substr", List.of(STRING, INT32), "hello world", -5)).isEqualTo("world");
        assertThat(call("substr", List.of(STRING, INT32), "hello", 0)).isEqualTo("");
        assertThat(call("substr", List.of(STRING, INT32, INT32), "hello", 2, 0)).isEqualTo("");
        assertThat(call("substr", List.of(STRING, INT32), "hello", -6)).isEqualTo("");
        assertThat(call("substr", List.of(STRING, INT32, INT32), null, 1, 5)).isNull();
        // test_udf_function id 0, 1
        assertThat(call("substring", List.of(STRING, INT32, INT32), "hello world", 1, 5)).isEqualTo("hello");
        assertThat(call("substring", List.of(STRING, INT32, INT32), "hello world", 1, null)).isNull();
        assertThat(call("substr", List.of(STRING, INT32, INT32), "中文", 1, 3)).isEqualTo("中");
    }

    @Test
    void strcmpAndCharLength() {
        // test_string id 4
        assertThat(call("strcmp", List.of(STRING, STRING), "text", "text2")).isEqualTo(-1);
        assertThat(call("strcmp", List.of(STRING, STRING), "text", "text")).isEqualTo(0);
        assertThat(call("strcmp", List.of(STRING, STRING), "text2", "text")).isEqualTo(1);
        assertThat(call("strcmp", List.of(STRING, STRING), null, "text")).isNull();
        assertThat(call("strcmp", List.of(STRING, STRING), "\u00e9", "z")).isEqualTo(1);
        // OpenMLDB doc: CHAR_LENGTH('Spark SQL ') is 10; bytes, not characters
        assertThat(call("char_length", List.of(STRING), "Spark SQL ")).isEqualTo(10);
        assertThat(call("character_length", List.of(STRING), "")).isEqualTo(0);
        assertThat(call("char_length", List.of(STRING), "中")).isEqualTo(3);
    }
}

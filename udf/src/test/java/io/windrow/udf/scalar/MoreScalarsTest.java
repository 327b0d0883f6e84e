package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.windrow.udf.scalar.Calls.bind;
import static io.windrow.udf.scalar.Calls.call;
import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DATE;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT16;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact values of the step-2 scalars: OpenMLDB's case files where they exist, its documentation's examples otherwise. */
class MoreScalarsTest {
    private static Object hash(SqlType type, Object value) {
        return call("hash64", List.of(type), value);
    }

    @Test
    void hash64OfEveryTypeAsOpenMldb() {
        // test_udf_function id 5: the same 90 in five types
        assertThat(List.of(hash(INT16, (short) 90), hash(INT32, 90), hash(INT64, 90L), hash(DOUBLE, 90.0),
                hash(FLOAT, 90f))).containsExactly(-9205917472348398353L, -3754664774081171349L,
                -6110541762027922508L, 42123122574000053L, 3717229009355585768L);
        // id 4: rows 0 and 2 (id, col1, col2, col3, col4, col5, std_ts, de, bt)
        assertThat(List.of(hash(INT32, 0), hash(INT64, 1L), hash(INT16, (short) 55), hash(STRING, "g1"),
                hash(DOUBLE, 2.0), hash(FLOAT, 1.0f), call("farm_fingerprint", List.of(TIMESTAMP),
                        new Timestamp(1590115420000L)), call("farm_fingerprint", List.of(DATE), Date.valueOf("2020-07-15")),
                call("farm_fingerprint", List.of(BOOL), true))).containsExactly(-470600885322160961L,
                5925585971146611297L, -8280049305495806603L, 3208330103598489124L, 1446482599179445476L,
                322450456541637418L, 4361965398422314040L, -8740639806462273876L, 5161771770385946686L);
        assertThat(List.of(hash(INT32, 2), hash(STRING, "g2"), hash(FLOAT, 4.4f), call("hash64", List.of(BOOL), false),
                hash(DOUBLE, 4.0), hash(INT32, 90))).containsExactly(6706320920252439311L, 386896907218095555L,
                -2386882153598325791L, -4728684028706075820L, 4223774888982935081L, -3754664774081171349L);
        assertThat(hash(STRING, null)).isNull();
    }

    @Test
    void earthDistanceAndRegexpLike() {
        // test_udf_function id 6
        assertThat(call("earth_distance", List.of(DOUBLE, DOUBLE, DOUBLE, DOUBLE), 40.0, 73.0, 41.0, 74.0))
                .isEqualTo(139.72810080682342);
        assertThat(bind("earth_distance", INT16, INT32, FLOAT, DOUBLE).parameterTypes())
                .containsExactly(DOUBLE, DOUBLE, DOUBLE, DOUBLE);
        // test_udf_function id 3: which of the six addresses match
        String pattern = "[A-Za-z0-9+_.-]+@openmldb[A-Za-z0-9+_.-]+";
        List<Object> matches = new ArrayList<>();
        for (String s : List.of("contact@openmldb.ai", "contact@opfnmldb.ai", "contact@opgnmldb.ai",
                "contact@ophnmldb.ai", "contact@dropmldb.ai", "contact@closemldb.ai")) {
            matches.add(call("regexp_like", List.of(STRING, STRING), s, pattern));
        }
        assertThat(matches).containsExactly(true, false, false, false, false, false);
        // OpenMLDB doc examples and the flags of the reserved case
        assertThat(call("regexp_like", List.of(STRING, STRING), "Mike", "Mi.k")).isEqualTo(false);
        assertThat(call("regexp_like", List.of(STRING, STRING), "append", "ap*end")).isEqualTo(true);
        assertThat(call("regexp_like", List.of(STRING, STRING, STRING), "the Lord of the Rings",
                "The Lord of the Rings", "i")).isEqualTo(true);
        assertThat(call("regexp_like", List.of(STRING, STRING, STRING), "The Lord of the Rings\nJ. R. R. Tolkien",
                "The Lord of the Rings.J\\. R\\. R\\. Tolkien", "s")).isEqualTo(true);
        assertThat(call("regexp_like", List.of(STRING, STRING), "a", "(")).isNull();
        assertThatThrownBy(() -> call("regexp_like", List.of(STRING, STRING, STRING), "a", "a", "x"))
                .hasMessageContaining("unknown flag 'x'");
    }

    @Test
    void stringFunctionsOfOpenMldbDocs() {
        assertThat(call("ucase", List.of(STRING), "Sql")).isEqualTo("SQL");
        assertThat(call("upper", List.of(STRING), "\u00e9a")).isEqualTo("\u00e9A");
        assertThat(call("lcase", List.of(STRING), "SQl")).isEqualTo("sql");
        assertThat(call("reverse", List.of(STRING), "abc")).isEqualTo("cba");
        assertThat(call("reverse", List.of(STRING), "")).isEqualTo("");
        assertThat(call("replace", List.of(STRING, STRING, STRING), "ABCabc", "abc", "ABC")).isEqualTo("ABCABC");
        assertThat(call("replace", List.of(STRING, STRING), "ABCabc", "abc")).isEqualTo("ABC");
        assertThat(call("replace", List.of(STRING, STRING), "abc", "")).isEqualTo("abc");
        assertThat(call("char", List.of(INT32), 65)).isEqualTo("A");
        assertThat(call("char", List.of(INT32), 65 + 256)).isEqualTo("A");
        assertThat(call("hex", List.of(INT32), 17)).isEqualTo("11");
        assertThat(call("hex", List.of(DOUBLE), 17.4)).isEqualTo("11");
        assertThat(call("hex", List.of(DOUBLE), 17.5)).isEqualTo("12");
        assertThat(call("hex", List.of(STRING), "Spark SQL")).isEqualTo("537061726B2053514C");
        assertThat(call("hex", List.of(INT16), (short) -1)).isEqualTo("FFFF");
        assertThat(call("hex", List.of(INT64), -1L)).isEqualTo("FFFFFFFFFFFFFFFF");
        assertThat(call("unhex", List.of(STRING), "537061726B2053514C")).isEqualTo("Spark SQL");
        assertThat(call("unhex", List.of(STRING), "7B")).isEqualTo("{");
        assertThat(call("unhex", List.of(STRING), "zfk")).isNull();
        // query/udf_query.yaml udf_replace, rows 1-3
        List<Object> replaced = new ArrayList<>();
        for (String col2 : Arrays.asList("ABCabcabc", "ABC", null)) {
            replaced.add(Arrays.asList(call("replace", List.of(STRING, STRING, STRING), col2, "abc", "ABC"),
                    call("replace", List.of(STRING, STRING, STRING), col2, "abca", "A"),
                    call("replace", List.of(STRING, STRING, STRING), col2, "abc", ""),
                    call("replace", List.of(STRING, STRING, STRING), col2, "abc", null),
                    call("replace", List.of(STRING, STRING, STRING), col2, null, "abc"),
                    call("replace", List.of(STRING, STRING), col2, "abc")));
        }
        assertThat(replaced).containsExactly(Arrays.asList("ABCABCABC", "ABCAbc", "ABC", null, null, "ABC"),
                Arrays.asList("ABC", "ABC", "ABC", null, null, "ABC"), Arrays.asList(null, null, null, null, null, null));
        // query/udf_query.yaml like_udf_const_null_string and ilike_udf_const_null_string
        for (String f : List.of("like_match", "ilike_match")) {
            String pattern = f.equals("like_match") ? "M_\\ke" : "m_\\ke";
            assertThat(Arrays.asList(call(f, List.of(STRING, STRING), "Mike", pattern),
                    call(f, List.of(STRING, STRING, STRING), "Mike", pattern, "\\"),
                    call(f, List.of(STRING, STRING, STRING), "Mike", pattern, ""),
                    call(f, List.of(STRING, STRING, STRING), "Mike", pattern, null),
                    call(f, List.of(STRING, STRING, STRING), "Mike", null, "%"),
                    call(f, List.of(STRING, STRING, STRING), null, "m_k", "%")))
                    .as(f).containsExactly(true, true, false, null, null, null);
        }
        // like_udf_5: 'm&_ke' with escape '&' on "M_ke"
        assertThat(call("like_match", List.of(STRING, STRING, STRING), "M_ke", "m&_ke", "&")).isEqualTo(false);
        assertThat(call("ilike_match", List.of(STRING, STRING, STRING), "M_ke", "m&_ke", "&")).isEqualTo(true);
        assertThat(call("like_match", List.of(STRING, STRING), "Mike", "Mi_e")).isEqualTo(true);
        assertThat(call("ilike_match", List.of(STRING, STRING), "Mike", "mi_e")).isEqualTo(true);
        assertThat(call("like_match", List.of(STRING, STRING, STRING), "Mi\\ke", "Mi\\_e", "")).isEqualTo(true);
        assertThat(call("like_match", List.of(STRING, STRING, STRING), "Mi\\ke", "Mi\\_e", null)).isNull();
    }

    @Test
    void dateFunctionsOfOpenMldbDocs() {
        Timestamp ts = new Timestamp(1590115420000L);
        assertThat(call("last_day", List.of(TIMESTAMP), ts)).isEqualTo(Date.valueOf("2020-05-31"));
        assertThat(call("last_day", List.of(DATE), Date.valueOf("2020-02-12"))).isEqualTo(Date.valueOf("2020-02-29"));
        assertThat(call("last_day", List.of(INT64), 1613059200000L)).isEqualTo(Date.valueOf("2021-02-28"));
        assertThat(call("add_months", List.of(DATE, INT64), Date.valueOf("2016-08-31"), 1L))
                .isEqualTo(Date.valueOf("2016-09-30"));
        assertThat(call("add_months", List.of(DATE, INT64), Date.valueOf("2016-08-31"), -1L))
                .isEqualTo(Date.valueOf("2016-07-31"));
        assertThat(call("add_months", List.of(DATE, INT64), Date.valueOf("2012-01-31"), 1L))
                .isEqualTo(Date.valueOf("2012-02-29"));
        assertThat(bind("add_months", DATE, INT32).parameterTypes()).containsExactly(DATE, INT64);
        assertThat(call("datediff", List.of(STRING, STRING), "2021-05-10", "2021-05-01")).isEqualTo(9);
        assertThat(call("datediff", List.of(STRING, STRING), "2021-04-10", "2021-05-01")).isEqualTo(-21);
        assertThat(call("datediff", List.of(DATE, DATE), Date.valueOf("2021-04-10"), Date.valueOf("2021-05-01")))
                .isEqualTo(-21);
        assertThat(call("datediff", List.of(STRING, DATE), "1899-12-31 23:00:00", Date.valueOf("1900-01-01")))
                .isEqualTo(-1);
        assertThat(call("datediff", List.of(STRING, STRING), "2021-05-01T20:00:00.000-08:00", "20210502"))
                .isEqualTo(0); // 20:00 at UTC-8 is 12:00 the next day in UTC+8
        assertThat(call("datediff", List.of(STRING, STRING), "2021-13-01", "2021-05-01")).isNull();
        assertThat(call("date_format", List.of(TIMESTAMP, STRING), ts, "%Y-%m-%d %H:%M:%S"))
                .isEqualTo("2020-05-22 10:43:40");
        assertThat(call("date_format", List.of(DATE, STRING), Date.valueOf("2020-05-22"), "%Y-%m-%d"))
                .isEqualTo("2020-05-22");
        assertThat(call("date_format", List.of(TIMESTAMP, STRING), ts, "%a %b %e %j %I%p %% %q"))
                .isEqualTo("Fri May 22 143 10AM % %q");
        assertThat(call("unix_timestamp", List.of(STRING), "2020-05-22")).isEqualTo(1590076800L);
        assertThat(call("unix_timestamp", List.of(STRING), "2020-05-22 10:43:40")).isEqualTo(1590115420L);
        assertThat(call("unix_timestamp", List.of(DATE), Date.valueOf("2020-05-22"))).isEqualTo(1590076800L);
        assertThatThrownBy(() -> call("unix_timestamp", List.of(STRING), "")).hasMessageContaining("current time");
        assertThatThrownBy(() -> bind("now")).hasMessageContaining("now() reads the current time");
        assertThatThrownBy(() -> bind("current_timestamp")).hasMessageContaining("current_timestamp()");
    }

    @Test
    void roundPmodIncExtremesAndJson() {
        // OpenMLDB doc: round(1.23) 1 double, round(1.23, 1) 1.2, round(123, -1) 120 int32
        assertThat(call("round", List.of(DOUBLE), 1.23)).isEqualTo(1.0);
        assertThat(call("round", List.of(DOUBLE, INT32), 1.23, 1)).isEqualTo(1.2);
        assertThat(call("round", List.of(INT32, INT32), 123, -1)).isEqualTo(120);
        assertThat(call("round", List.of(INT32, INT32), 125, -1)).isEqualTo(130);
        assertThat(call("round", List.of(DOUBLE, INT32), -2.5, 0)).isEqualTo(-3.0);
        assertThat(bind("round", INT16).resultType()).isEqualTo(INT16);
        // pmod doc examples
        List<Object> pmods = Arrays.asList(call("pmod", List.of(INT32, INT32), -10, 3),
                call("pmod", List.of(INT32, INT32), 10, -3), call("pmod", List.of(INT32, INT32), 10, 3),
                call("pmod", List.of(INT32, INT32), -10, 0), call("pmod", List.of(INT32, INT32), -10, null));
        assertThat(pmods).containsExactly(2, 1, 1, null, null);
        assertThat(bind("pmod", INT16, DOUBLE).resultType()).isEqualTo(DOUBLE);
        assertThat(call("pmod", List.of(DOUBLE, DOUBLE), -7.5, 2.0)).isEqualTo(0.5);
        assertThatThrownBy(() -> bind("pmod", STRING, INT32)).hasMessageContaining("pmod");
        assertThat(call("inc", List.of(INT32), 1)).isEqualTo(2);
        assertThat(call("inc", List.of(INT16), Short.MAX_VALUE)).isEqualTo(Short.MIN_VALUE);
        assertThat(call("inc", List.of(FLOAT), 1.5f)).isEqualTo(2.5f);
        assertThat(call("maximum", List.of(INT32, INT32), 3, 5)).isEqualTo(5);
        assertThat(call("minimum", List.of(STRING, STRING), "b", "a")).isEqualTo("a");
        assertThat(call("maximum", List.of(INT32, INT32), null, 5)).isEqualTo(5);
        assertThat(call("maximum", List.of(INT32, INT32), 5, null)).isNull();
        assertThat(bind("maximum", INT64, FLOAT).resultType()).isEqualTo(DOUBLE);
        // get_json_object / json_array_length doc examples
        assertThat(call("get_json_object", List.of(STRING, STRING), "{\"boo\": \"baz\"}", "/boo")).isEqualTo("baz");
        assertThat(call("get_json_object", List.of(STRING, STRING), "{\"boo\": [1, 2]}", "/boo/0")).isEqualTo("1");
        assertThat(call("get_json_object", List.of(STRING, STRING), "{\"m~n\": 1}", "/m~0n")).isEqualTo("1");
        assertThat(call("get_json_object", List.of(STRING, STRING), "{\"m/n\": 1}", "/m~1n")).isEqualTo("1");
        assertThat(call("get_json_object", List.of(STRING, STRING), "{\"a\": 1}", "/b")).isNull();
        assertThat(call("json_array_length", List.of(STRING), "[1, 2]")).isEqualTo(2);
        assertThat(call("json_array_length", List.of(STRING), "[1,2,3,{\"f1\":1,\"f2\":[5,6]},4]")).isEqualTo(5);
        assertThat(call("json_array_length", List.of(STRING), "[1, 2")).isNull();
        assertThat(bind("round", INT64, INT32).resultType()).isEqualTo(INT64);
    }
}

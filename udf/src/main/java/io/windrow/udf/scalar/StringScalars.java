package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.STRING;

/**
 * OpenMLDB's string functions. OpenMLDB's strings are bytes: lengths and positions count UTF-8
 * bytes, comparisons are bytewise, case mapping touches ASCII letters only. {@code concat} and
 * {@code concat_ws} take arguments of any type, converted to string as OpenMLDB's cast renders them
 * (the analyzer inserts that cast); a NULL argument makes the result NULL.
 */
final class StringScalars {
    private StringScalars() {}

    static List<ScalarFunction> all() {
        return List.of(
                Declared.function("concat", "the arguments, converted to string, joined end to end")
                        .generic(args -> args.isEmpty() ? null : new Overload(strings(args.size()), STRING, true,
                                        StringScalars::concat, c -> functions.concat(c.toArray(new Column[0])), false),
                                "concat(any, ...) -> string"),
                Declared.function("concat_ws", "concat_ws(separator, x, ...): the arguments joined with the separator")
                        .generic(StringScalars::bindConcatWs, "concat_ws(string, any, ...) -> string"),
                Declared.function("substring", "substring(s, pos[, len]): len bytes of s from the 1-based pos "
                                + "(a negative pos counts from the end); empty when pos is 0 or out of range or len < 1")
                        .alias("substr")
                        .overload(List.of(STRING, INT32), STRING, a -> substring((String) a[0], (Integer) a[1],
                                Integer.MAX_VALUE))
                        .overload(List.of(STRING, INT32, INT32), STRING, a -> substring((String) a[0], (Integer) a[1],
                                (Integer) a[2]))
                        .build(),
                Declared.function("char_length", "length of the string in bytes").alias("character_length")
                        .overload(Overload.of(List.of(STRING), INT32, a -> utf8((String) a[0]).length)
                                .native_(c -> functions.octet_length(c.get(0))))
                        .build(),
                Declared.function("strcmp", "-1, 0 or 1 as the first string sorts before, equal to or after the second "
                                + "(bytewise)")
                        .overload(List.of(STRING, STRING), INT32, a -> Integer.signum(
                                Arrays.compareUnsigned(utf8((String) a[0]), utf8((String) a[1]))))
                        .build());
    }

    private static List<SqlType> strings(int count) {
        return Collections.nCopies(count, STRING);
    }

    private static Object concat(Object[] parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append((String) part);
        }
        return out.toString();
    }

    /** concat_ws: Spark's own concat_ws skips NULLs, so the translation interleaves the separator with concat. */
    private static Overload bindConcatWs(List<SqlType> args) {
        if (args.isEmpty()) {
            return null;
        }
        Overload.Impl impl = a -> {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < a.length; i++) {
                if (i > 1) {
                    out.append((String) a[0]);
                }
                out.append((String) a[i]);
            }
            return out.toString();
        };
        Overload.Translation spark = args.size() < 3 ? null : c -> {
            List<Column> parts = new ArrayList<>();
            for (int i = 1; i < c.size(); i++) {
                if (i > 1) {
                    parts.add(c.get(0));
                }
                parts.add(c.get(i));
            }
            return functions.concat(parts.toArray(new Column[0]));
        };
        return new Overload(strings(args.size()), STRING, true, impl, spark, false);
    }

    /** OpenMLDB's sub_string, on UTF-8 bytes. */
    static String substring(String s, int from, int len) {
        byte[] bytes = utf8(s);
        int size = bytes.length;
        if (from == 0 || len < 1 || from > size || from < -size) {
            return "";
        }
        int start = from < 0 ? size + from : from - 1;
        int length = Math.min(len, size - start);
        return new String(bytes, start, length, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

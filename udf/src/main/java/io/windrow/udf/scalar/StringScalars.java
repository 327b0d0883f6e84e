package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT16;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
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
                        .build(),
                Declared.function("ucase", "the string with ASCII letters in upper case (other characters unchanged)")
                        .alias("upper")
                        .overload(List.of(STRING), STRING, a -> mapAscii((String) a[0], true))
                        .build(),
                Declared.function("lcase", "the string with ASCII letters in lower case (other characters unchanged)")
                        .alias("lower")
                        .overload(List.of(STRING), STRING, a -> mapAscii((String) a[0], false))
                        .build(),
                Declared.function("reverse", "the string's bytes in reverse order")
                        .overload(List.of(STRING), STRING, a -> reverse((String) a[0]))
                        .build(),
                Declared.function("replace", "replace(s, search[, replacement]): every occurrence of search replaced "
                                + "(removed when no replacement is given)")
                        .overload(List.of(STRING, STRING), STRING, a -> replace((String) a[0], (String) a[1], ""))
                        .overload(List.of(STRING, STRING, STRING), STRING,
                                a -> replace((String) a[0], (String) a[1], (String) a[2]))
                        .build(),
                Declared.function("char", "the character of code n % 256 (ASCII for n % 256 < 128)")
                        .overload(List.of(INT32), STRING, a -> String.valueOf((char) ((Integer) a[0] & 0xFF)))
                        .build(),
                Declared.function("hex", "upper-case hexadecimal of an integer (two's complement), of a float "
                                + "rounded to an integer, or of a string's bytes")
                        .overload(List.of(INT16), STRING, a -> Integer.toHexString((Short) a[0] & 0xFFFF).toUpperCase(Locale.ROOT))
                        .overload(List.of(INT32), STRING, a -> Integer.toHexString((Integer) a[0]).toUpperCase(Locale.ROOT))
                        .overload(List.of(INT64), STRING, a -> Long.toHexString((Long) a[0]).toUpperCase(Locale.ROOT))
                        .overload(List.of(FLOAT), STRING, a -> roundedHex((Float) a[0]))
                        .overload(List.of(DOUBLE), STRING, a -> roundedHex((Double) a[0]))
                        .overload(List.of(STRING), STRING, a -> HexFormat.of().withUpperCase().formatHex(utf8((String) a[0])))
                        .build(),
                Declared.function("unhex", "the string whose bytes the hexadecimal digits spell; NULL for a non-hex digit")
                        .overload(List.of(STRING), STRING, a -> unhex((String) a[0]))
                        .build(),
                Declared.function("like_match", "like_match(s, pattern[, escape]): s matches the LIKE pattern "
                                + "(% any run, _ one byte; escape default backslash, '' none), case-sensitive")
                        .overload(List.of(STRING, STRING), BOOL, a -> TextMatching.like((String) a[0], (String) a[1], "\\", false))
                        .overload(Overload.of(List.of(STRING, STRING, STRING), BOOL,
                                a -> TextMatching.like((String) a[0], (String) a[1], (String) a[2], false)))
                        .build(),
                Declared.function("ilike_match", "ilike_match(s, pattern[, escape]): like_match ignoring the case of "
                                + "ASCII letters")
                        .overload(List.of(STRING, STRING), BOOL, a -> TextMatching.like((String) a[0], (String) a[1], "\\", true))
                        .overload(List.of(STRING, STRING, STRING), BOOL,
                                a -> TextMatching.like((String) a[0], (String) a[1], (String) a[2], true))
                        .build(),
                Declared.function("regexp_like", "regexp_like(s, regex[, flags]): the whole of s matches the regular "
                                + "expression; flags c, i, m, s")
                        .overload(List.of(STRING, STRING), BOOL, a -> TextMatching.regexpLike((String) a[0], (String) a[1], ""))
                        .overload(List.of(STRING, STRING, STRING), BOOL,
                                a -> TextMatching.regexpLike((String) a[0], (String) a[1], (String) a[2]))
                        .build());
    }

    private static String mapAscii(String s, boolean upper) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (upper && c >= 'a' && c <= 'z') {
                chars[i] = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + 32);
            }
        }
        return new String(chars);
    }

    private static String reverse(String s) {
        byte[] bytes = utf8(s);
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String replace(String s, String search, String replacement) {
        return search.isEmpty() ? s : s.replace(search, replacement);
    }

    /** hex of a float or double: C's round (halfway away from zero) to int64 first, as OpenMLDB's ToHex. */
    private static String roundedHex(double value) {
        return Long.toHexString((long) MathScalars.roundHalfAway(value)).toUpperCase(Locale.ROOT);
    }

    private static String unhex(String hex) {
        String digits = hex.length() % 2 == 0 ? hex : "0" + hex;
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes[i] = (byte) (hi * 16 + lo);
        }
        return new String(bytes, StandardCharsets.UTF_8);
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

package io.windrow.udf.scalar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.STRING_LIST;

/**
 * OpenMLDB's feature-zero list helpers on one row: {@code split}, {@code split_by_key},
 * {@code split_by_value} make a {@code list<string>}; {@code join}, {@code size}, {@code at},
 * {@code list_except_by_key} and {@code list_except_by_value} consume one. As in OpenMLDB: a NULL
 * input string or an empty delimiter gives an empty list (so {@code size} is 0 and {@code join}
 * the empty string); a one-character delimiter splits literally, a longer one is a regular
 * expression; a list holds at most 4096 bytes of text, longer pieces are dropped. The window forms
 * ({@code window_split*}) are window aggregates (io.windrow.udf.list) built on the same splits.
 */
public final class FeatureZeroScalars {
    /** OpenMLDB's MutableStringListV cap on the summed length of a split list. */
    private static final int MAXIMUM_LIST_BYTES = 4096;

    private FeatureZeroScalars() {}

    static List<ScalarFunction> all() {
        return List.of(
                Declared.function("split", "split(s, delimiter): the pieces of s; NULL s gives an empty list")
                        .alias("fz_split")
                        .overload(Overload.of(List.of(STRING, STRING), STRING_LIST,
                                a -> a[1] == null ? null : split((String) a[0], (String) a[1])).seesNulls())
                        .build(),
                Declared.function("split_by_key", "split_by_key(s, delimiter, kv_delimiter): the keys of the "
                                + "key-value pieces of s")
                        .alias("fz_split_by_key")
                        .overload(Overload.of(List.of(STRING, STRING, STRING), STRING_LIST,
                                a -> a[1] == null || a[2] == null ? null
                                        : splitByKey((String) a[0], (String) a[1], (String) a[2])).seesNulls())
                        .build(),
                Declared.function("split_by_value", "split_by_value(s, delimiter, kv_delimiter): the values of "
                                + "the key-value pieces of s")
                        .alias("fz_split_by_value")
                        .overload(Overload.of(List.of(STRING, STRING, STRING), STRING_LIST,
                                a -> a[1] == null || a[2] == null ? null
                                        : splitByValue((String) a[0], (String) a[1], (String) a[2])).seesNulls())
                        .build(),
                Declared.function("join", "join(list, delimiter): the list's strings joined with the delimiter")
                        .alias("fz_join")
                        .overload(List.of(STRING_LIST, STRING), STRING, a -> String.join((String) a[1], strings(a[0])))
                        .build(),
                Declared.function("size", "number of strings in a list")
                        .overload(List.of(STRING_LIST), INT32, a -> strings(a[0]).size())
                        .build(),
                Declared.function("at", "at(list, i): the list's i-th string, from 0; NULL out of range "
                                + "(at over a window is the navigation function)")
                        .overload(List.of(STRING_LIST, INT32), STRING, a -> {
                            List<String> list = strings(a[0]);
                            int i = (Integer) a[1];
                            return i >= 0 && i < list.size() ? list.get(i) : null;
                        })
                        .build(),
                Declared.function("list_except_by_key", "list_except_by_key(list, keys): the key:value strings "
                                + "whose key is not among the comma-separated keys")
                        .overload(List.of(STRING_LIST, STRING), STRING_LIST,
                                a -> except(strings(a[0]), (String) a[1], true))
                        .build(),
                Declared.function("list_except_by_value", "list_except_by_value(list, values): the key:value "
                                + "strings whose value is not among the comma-separated values")
                        .overload(List.of(STRING_LIST, STRING), STRING_LIST,
                                a -> except(strings(a[0]), (String) a[1], false))
                        .build());
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    /** OpenMLDB's MutableStringListV: adds a piece only while the summed length stays within 4096 bytes. */
    private static final class Pieces {
        private final List<String> list = new ArrayList<>();
        private int bytes;

        void add(String piece) {
            int length = StringScalars.utf8(piece).length;
            if (bytes + length <= MAXIMUM_LIST_BYTES) {
                list.add(piece);
                bytes += length;
            }
        }

        List<String> done() {
            return List.copyOf(list);
        }
    }

    /** {@code split}'s pieces (also what {@code window_split} collects per row). */
    public static List<String> split(String s, String delimiter) {
        Pieces pieces = new Pieces();
        if (s == null || delimiter.isEmpty()) {
            return pieces.done();
        }
        for (String piece : pieces(s, delimiter)) {
            pieces.add(piece);
        }
        return pieces.done();
    }

    /** Splits at each occurrence: literally for one character, as a regular expression otherwise; keeps empty pieces. */
    private static String[] pieces(String s, String delimiter) {
        Pattern pattern = delimiter.length() == 1 ? Pattern.compile(Pattern.quote(delimiter)) : Pattern.compile(delimiter);
        return pattern.split(s, -1);
    }

    /** {@code split_by_key}'s keys (also what {@code window_split_by_key} collects per row). */
    public static List<String> splitByKey(String s, String delimiter, String kvDelimiter) {
        Pieces pieces = new Pieces();
        if (s == null || delimiter.isEmpty() || kvDelimiter.isEmpty()) {
            return pieces.done();
        }
        if (delimiter.length() == 1 && kvDelimiter.length() == 1) {
            // OpenMLDB's scan: the text before the first kv delimiter of each segment is a key
            char d1 = delimiter.charAt(0);
            char d2 = kvDelimiter.charAt(0);
            int begin = 0;
            boolean found = false;
            for (int cur = 0; cur < s.length(); cur++) {
                char c = s.charAt(cur);
                if (c == d1) {
                    found = false;
                    begin = cur + 1;
                } else if (c == d2 && !found) {
                    pieces.add(s.substring(begin, cur));
                    found = true;
                }
            }
            return pieces.done();
        }
        for (String segment : pieces(s, delimiter)) {
            String[] kv = pieces(segment, kvDelimiter);
            if (kv.length >= 2) {
                pieces.add(kv[0]);
            }
        }
        return pieces.done();
    }

    /** {@code split_by_value}'s values (also what {@code window_split_by_value} collects per row). */
    public static List<String> splitByValue(String s, String delimiter, String kvDelimiter) {
        Pieces pieces = new Pieces();
        if (s == null || delimiter.isEmpty() || kvDelimiter.isEmpty()) {
            return pieces.done();
        }
        if (delimiter.length() == 1 && kvDelimiter.length() == 1) {
            // OpenMLDB's scan: the text after the first kv delimiter of a segment, up to the segment's end or a second one
            char d1 = delimiter.charAt(0);
            char d2 = kvDelimiter.charAt(0);
            int begin = 0;
            int parts = 0;
            int cur = 0;
            for (; cur < s.length(); cur++) {
                char c = s.charAt(cur);
                if (c == d1) {
                    if (parts == 1) {
                        pieces.add(s.substring(begin, cur));
                    }
                    parts = 0;
                } else if (c == d2) {
                    parts++;
                    if (parts == 1) {
                        begin = cur + 1;
                    } else if (parts == 2) {
                        pieces.add(s.substring(begin, cur));
                    }
                }
            }
            if (parts == 1) {
                pieces.add(cur == begin ? "" : s.substring(begin, cur));
            }
            return pieces.done();
        }
        for (String segment : pieces(s, delimiter)) {
            String[] kv = pieces(segment, kvDelimiter);
            if (kv.length >= 2) {
                pieces.add(kv[1]);
            }
        }
        return pieces.done();
    }

    /**
     * The strings whose key (or value) is not among the comma-separated {@code excluded}; a string
     * without ':' is a key with an empty value.
     */
    private static List<String> except(List<String> list, String excluded, boolean byKey) {
        Set<String> drop = new HashSet<>(List.of(excluded.split(",", -1)));
        List<String> kept = new ArrayList<>();
        for (String kv : list) {
            int colon = kv.indexOf(':');
            String key = colon < 0 ? kv : kv.substring(0, colon);
            String value = colon < 0 ? "" : kv.substring(colon + 1);
            if (!drop.contains(byKey ? key : value)) {
                kept.add(kv);
            }
        }
        return List.copyOf(kept);
    }
}

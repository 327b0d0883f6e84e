package io.windrow.preprocess.compat;

import io.windrow.preprocess.PythonRepr;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The string the demo hashes for a value: {@code str()} of what {@code pandas.read_csv} makes of
 * the CSV text OpenMLDB wrote. Two steps, both reproduced here:
 *
 * <ol>
 *   <li>{@link #csvText}: the value as CSV text (Spark's CSV writer: {@code Float.toString},
 *       {@code Double.toString}, integers in decimal). NULL, the empty string and pandas' default
 *       NA markers ({@code NULL}, {@code nan}, {@code N/A}...) all read back as NaN. Timestamps
 *       are written as epoch milliseconds, the form OpenMLDB's serving rows carry
 *       ({@code 1459419080000} in the seed), so training ids match the demo's serving ids.</li>
 *   <li>{@link #pythonStr}: pandas infers one dtype per column: {@code int64} when every value is
 *       an integer and none is NaN, {@code float64} when every value is a number (integers with a
 *       NaN become floats: {@code 5} hashes as {@code '5.0'}), {@code bool} for true/false,
 *       otherwise {@code object} (strings as read). NaN becomes {@code 'nan'}.</li>
 * </ol>
 *
 * The demo concatenates one DataFrame per CSV file, so its dtypes could differ with the file
 * split; this class models a single file, which is the deterministic reading.
 */
public final class PandasCsvText {
    /** pandas 1.5's default {@code na_values}: these texts read back as NaN. */
    static final Set<String> NA_VALUES = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");

    /** Bits of {@link #classify}: what pandas could parse the text as. */
    public static final int INT = 1;
    public static final int FLOAT = 2;
    public static final int BOOL = 4;

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern FLOATING = Pattern.compile(
            "[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|inf|Inf|INF|infinity|Infinity)");
    private static final Set<String> TRUE = Set.of("True", "TRUE", "true");
    private static final Set<String> FALSE = Set.of("False", "FALSE", "false");

    /** The column dtype pandas infers. */
    public enum Dtype { INT64, FLOAT64, BOOL, OBJECT }

    private PandasCsvText() {}

    /** The CSV text of a value as read back by pandas; null means NaN. */
    public static String csvText(Object value) {
        if (value == null) {
            return null;
        }
        String text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Float f) {
            text = Float.toString(f);
        } else if (value instanceof Double d) {
            text = Double.toString(d);
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            text = Long.toString(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (value instanceof Boolean b) {
            text = b ? "true" : "false";
        } else if (value instanceof Timestamp t) {
            text = Long.toString(t.getTime());
        } else if (value instanceof Instant i) {
            text = Long.toString(i.toEpochMilli());
        } else if (value instanceof LocalDateTime t) {
            text = Long.toString(t.toInstant(ZoneOffset.UTC).toEpochMilli());
        } else if (value instanceof java.sql.Date || value instanceof LocalDate) {
            text = value.toString();
        } else {
            throw new IllegalArgumentException("openmldb-compat: cannot write a value of type "
                    + value.getClass().getSimpleName() + " as CSV text");
        }
        return NA_VALUES.contains(text) ? null : text;
    }

    /** What pandas could parse a non-NA text as (bits {@link #INT}, {@link #FLOAT}, {@link #BOOL}). */
    public static int classify(String text) {
        int bits = 0;
        if (INTEGER.matcher(text).matches() && fitsInt64(text)) {
            bits |= INT | FLOAT;
        } else if (FLOATING.matcher(text).matches()) {
            bits |= FLOAT;
        }
        if (TRUE.contains(text) || FALSE.contains(text)) {
            bits |= BOOL;
        }
        return bits;
    }

    /**
     * The column dtype from the AND of {@link #classify} over its non-NA texts ({@code null} when
     * the column has none) and whether it holds a NaN.
     */
    public static Dtype dtype(Integer classBits, boolean hasNa) {
        if (classBits == null) {
            return Dtype.FLOAT64; // all NaN
        }
        if ((classBits & INT) != 0) {
            return hasNa ? Dtype.FLOAT64 : Dtype.INT64;
        }
        if ((classBits & FLOAT) != 0) {
            return Dtype.FLOAT64;
        }
        if ((classBits & BOOL) != 0) {
            return Dtype.BOOL; // with a NaN pandas keeps an object column of True/False/nan: same str()
        }
        return Dtype.OBJECT;
    }

    /** Python's {@code str()} of the pandas value read from {@code text} (null = NaN) in a column of this dtype. */
    public static String pythonStr(String text, Dtype dtype) {
        if (text == null) {
            return "nan";
        }
        return switch (dtype) {
            case INT64 -> Long.toString(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
            case FLOAT64 -> PythonRepr.ofDouble(parseDouble(text));
            case BOOL -> TRUE.contains(text) ? "True" : "False";
            case OBJECT -> text;
        };
    }

    private static double parseDouble(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("inf") || t.endsWith("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }

    private static boolean fitsInt64(String text) {
        try {
            Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

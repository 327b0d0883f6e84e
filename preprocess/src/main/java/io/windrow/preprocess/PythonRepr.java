package io.windrow.preprocess;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr()}/{@code str()} of a float (IEEE double): the shortest decimal that reads
 * back as the same double, in fixed notation when the decimal exponent is in [-4, 16) and in
 * scientific notation ({@code 1e-05}, {@code 1.5e+16}) otherwise, with {@code .0} on integral
 * values. The demo hashes {@code str(value)}, so reproducing its ids needs Python's exact text,
 * which differs from Java's {@code Double.toString} ({@code 1.0E-5}).
 */
public final class PythonRepr {
    private PythonRepr() {}

    public static String ofDouble(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        String sign = value < 0 ? "-" : "";
        double magnitude = Math.abs(value);
        BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal shortest = null;
        for (int precision = 1; precision <= 17 && shortest == null; precision++) {
            // Next to a power of two the round-trip interval is asymmetric: the nearest
            // precision-digit decimal may miss it while its neighbour one unit away hits it.
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            for (BigDecimal candidate : new BigDecimal[] {rounded, rounded.add(rounded.ulp()), rounded.subtract(rounded.ulp())}) {
                if (candidate.signum() > 0 && candidate.doubleValue() == magnitude
                        && (shortest == null || candidate.subtract(exact).abs().compareTo(shortest.subtract(exact).abs()) < 0)) {
                    shortest = candidate;
                }
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // value = 0.d1d2...dn * 10^decimalPoint
        int decimalPoint = digits.length() - shortest.scale();
        return sign + format(digits, decimalPoint);
    }

    private static String format(String digits, int decimalPoint) {
        int n = digits.length();
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                return "0." + "0".repeat(-decimalPoint) + digits;
            }
            if (decimalPoint >= n) {
                return digits + "0".repeat(decimalPoint - n) + ".0";
            }
            return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
        }
        int exponent = decimalPoint - 1;
        String mantissa = n == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentText = Integer.toString(Math.abs(exponent));
        if (exponentText.length() < 2) {
            exponentText = "0" + exponentText;
        }
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentText;
    }
}

package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.io.Serializable;
import java.util.List;

import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT16;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;

/**
 * OpenMLDB's math functions. Result types follow its registry: integer arguments of the
 * transcendental functions are computed in double; a float argument keeps float where OpenMLDB calls
 * the C float function ({@code sinf}, {@code logf}, ...); {@code abs}, {@code round} and
 * {@code truncate} of int16/int32 give int32, of int64 int64; {@code ceil} and {@code floor} of an
 * integer give int64. Where OpenMLDB also declares the function for any arithmetic argument, a bool
 * converts to double ({@code log(false)} is -Infinity). Out-of-domain arguments give NaN or
 * infinities as C does, never an error ({@code asin(2)} is NaN, {@code log(0)} -Infinity).
 */
final class MathScalars {
    private MathScalars() {}

    /** A double function of one double, serializable so bound functions can travel to executors. */
    @FunctionalInterface
    private interface D1 extends Serializable {
        double apply(double x);
    }

    @FunctionalInterface
    private interface D2 extends Serializable {
        double apply(double x, double y);
    }

    static List<ScalarFunction> all() {
        return List.of(
                Declared.function("abs", "absolute value")
                        .overload(List.of(INT16), INT32, a -> Math.abs((int) (Short) a[0]))
                        .overload(List.of(INT32), INT32, a -> Math.abs((Integer) a[0]))
                        .overload(List.of(INT64), INT64, a -> Math.abs((Long) a[0]))
                        .overload(Overload.of(List.of(DOUBLE), DOUBLE, a -> Math.abs((Double) a[0]))
                                .native_(c -> functions.abs(c.get(0))))
                        .boolAsNumber().build(),
                integralOrDouble("ceil", "smallest integer not less than the argument", Math::ceil).alias("ceiling").boolAsNumber().build(),
                integralOrDouble("floor", "largest integer not greater than the argument", Math::floor).boolAsNumber().build(),
                Declared.function("round", "round(x[, d]): x rounded half away from zero to d decimal places "
                                + "(d < 0 rounds left of the point); the result has x's type")
                        .overload(List.of(INT16), INT16, a -> a[0])
                        .overload(List.of(INT32), INT32, a -> a[0])
                        .overload(List.of(INT64), INT64, a -> a[0])
                        .overload(List.of(FLOAT), FLOAT, a -> (float) roundHalfAway((Float) a[0]))
                        .overload(List.of(DOUBLE), DOUBLE, a -> roundHalfAway((Double) a[0]))
                        .overload(List.of(INT16, INT32), INT16, a -> (short) roundLong((Short) a[0], (Integer) a[1]))
                        .overload(List.of(INT32, INT32), INT32, a -> (int) roundLong((Integer) a[0], (Integer) a[1]))
                        .overload(List.of(INT64, INT32), INT64, a -> roundLong((Long) a[0], (Integer) a[1]))
                        .overload(List.of(FLOAT, INT32), FLOAT, a -> (float) roundTo((Float) a[0], (Integer) a[1]))
                        .overload(List.of(DOUBLE, INT32), DOUBLE, a -> roundTo((Double) a[0], (Integer) a[1]))
                        .boolAsNumber().build(),
                Declared.function("truncate", "the argument with its fractional part dropped (toward zero)")
                        .overload(List.of(INT16), INT32, a -> (int) (Short) a[0])
                        .overload(List.of(INT32), INT32, a -> a[0])
                        .overload(List.of(INT64), INT64, a -> a[0])
                        .overload(List.of(DOUBLE), DOUBLE, a -> truncate((Double) a[0]))
                        .boolAsNumber().build(),
                transcendental("exp", "e raised to the power of the argument", Math::exp, functions::exp)
                        .boolAsNumber().build(),
                transcendental("ln", "natural logarithm; log(0) is -Infinity, a negative argument NaN", Math::log, null)
                        .boolAsNumber().build(),
                log(),
                transcendental("log2", "base-2 logarithm", MathScalars::log2, null).boolAsNumber().build(),
                transcendental("log10", "base-10 logarithm", Math::log10, null).boolAsNumber().build(),
                binary("pow", "the first argument raised to the power of the second", StrictMath::pow, functions::pow)
                        .alias("power").build(),
                transcendental("sqrt", "square root; NaN for a negative argument", Math::sqrt, functions::sqrt).build(),
                transcendental("sin", "sine of an angle in radians", Math::sin, functions::sin).build(),
                transcendental("cos", "cosine of an angle in radians", Math::cos, functions::cos).build(),
                transcendental("tan", "tangent of an angle in radians", Math::tan, functions::tan).build(),
                cot(),
                transcendental("asin", "arc sine in radians; NaN outside [-1, 1]", Math::asin, functions::asin).build(),
                transcendental("acos", "arc cosine in radians; NaN outside [-1, 1]", Math::acos, functions::acos).build(),
                atan(),
                binary("atan2", "atan2(y, x): the angle of the point (x, y) in radians", Math::atan2, null).build(),
                Declared.function("inc", "the argument plus one, in its own type")
                        .overload(List.of(INT16), INT16, a -> (short) ((Short) a[0] + 1))
                        .overload(List.of(INT32), INT32, a -> (Integer) a[0] + 1)
                        .overload(List.of(INT64), INT64, a -> (Long) a[0] + 1)
                        .overload(List.of(FLOAT), FLOAT, a -> (Float) a[0] + 1)
                        .overload(List.of(DOUBLE), DOUBLE, a -> (Double) a[0] + 1)
                        .build(),
                Declared.function("pmod", "pmod(a, b): the remainder of a / b made non-negative (a % b, plus |b| when "
                                + "negative); NULL when b is 0")
                        .generic(MathScalars::bindPmod, "pmod(T, T) -> T  (T: the common numeric type)"),
                Declared.function("earth_distance", "earth_distance(lat1, lon1, lat2, lon2): great-circle distance in km "
                                + "(haversine, radius 6372.8); degrees, negative west and south")
                        .overload(List.of(DOUBLE, DOUBLE, DOUBLE, DOUBLE), DOUBLE,
                                a -> earthDistance((Double) a[0], (Double) a[1], (Double) a[2], (Double) a[3]))
                        .boolAsNumber().build(),
                Declared.function("degrees", "radians converted to degrees")
                        .overload(Overload.of(List.of(DOUBLE), DOUBLE, a -> Math.toDegrees((Double) a[0]))
                                .native_(c -> functions.degrees(c.get(0))))
                        .build(),
                Declared.function("radians", "degrees converted to radians")
                        .overload(Overload.of(List.of(DOUBLE), DOUBLE, a -> Math.toRadians((Double) a[0]))
                                .native_(c -> functions.radians(c.get(0))))
                        .build());
    }

    /** C's {@code round}: halfway cases away from zero (Java's Math.round goes toward +infinity). */
    static double roundHalfAway(double x) {
        double magnitude = Math.abs(x);
        double whole = Math.floor(magnitude);
        if (magnitude - whole >= 0.5) {
            whole += 1;
        }
        return Math.copySign(whole, x);
    }

    /** log2, exact at powers of two (where C's log2 is exact and ln(x)/ln(2) may be off by an ulp). */
    static double log2(double x) {
        if (x > 0 && Double.isFinite(x) && (Double.doubleToRawLongBits(x) & 0x000f_ffff_ffff_ffffL) == 0
                && Math.getExponent(x) >= Double.MIN_EXPONENT) {
            return Math.getExponent(x);
        }
        return Math.log(x) / Math.log(2);
    }

    /** round(x, d) of a double: the exact binary value rounded HALF_UP to d decimal places. */
    private static double roundTo(double x, int d) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).setScale(d, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** round(n, d) of an integer: unchanged for d >= 0, rounded HALF_UP to a multiple of 10^-d otherwise. */
    private static long roundLong(long x, int d) {
        return d >= 0 ? x : java.math.BigDecimal.valueOf(x).setScale(d, java.math.RoundingMode.HALF_UP).longValue();
    }

    private static final double EARTH_RADIUS_KM = 6372.8;

    /** OpenMLDB's haversine, term by term (so the last bits agree). */
    static double earthDistance(double lat1, double lon1, double lat2, double lon2) {
        double p1 = radians(lat1);
        double p2 = radians(lat2);
        double dLat = p2 - p1;
        double dLon = radians(lon2) - radians(lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }

    /** x * pi / 180 in this order (Math.toRadians multiplies by a rounded pi / 180 and can differ in the last bit). */
    private static double radians(double degrees) {
        return degrees * Math.PI / 180;
    }

    /** pmod over the common numeric type of its arguments (a bool counts as the other argument's type). */
    private static Overload bindPmod(List<SqlType> args) {
        if (args.size() != 2) {
            return null;
        }
        SqlType type = Conversions.common(args.get(0), args.get(1)).orElse(null);
        if (type == SqlType.BOOL || type == SqlType.NULL) {
            type = INT32;
        }
        if (type == null || !type.isNumeric()) {
            return null;
        }
        SqlType t = type;
        return new Overload(List.of(t, t), t, true, a -> pmod(t, (Number) a[0], (Number) a[1]), null, false);
    }

    private static Object pmod(SqlType type, Number a, Number b) {
        if (type.isIntegral()) {
            long divisor = b.longValue();
            if (divisor == 0) {
                return null;
            }
            long r = a.longValue() % divisor;
            long result = r < 0 ? r + Math.abs(divisor) : r;
            return switch (type) {
                case INT16 -> (short) result;
                case INT32 -> (int) result;
                default -> result;
            };
        }
        double divisor = b.doubleValue();
        if (divisor == 0) {
            return null;
        }
        double r = a.doubleValue() % divisor;
        double result = r < 0 ? r + Math.abs(divisor) : r;
        return type == FLOAT ? (Object) (float) result : (Object) result;
    }

    private static double truncate(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    /** ceil/floor: an integer gives itself as int64, a double (or float, or bool) the double result. */
    private static Declared.Builder integralOrDouble(String name, String description, D1 f) {
        return Declared.function(name, description)
                .overload(List.of(INT16), INT64, a -> (long) (Short) a[0])
                .overload(List.of(INT32), INT64, a -> (long) (Integer) a[0])
                .overload(List.of(INT64), INT64, a -> a[0])
                .overload(List.of(DOUBLE), DOUBLE, a -> f.apply((Double) a[0]));
    }

    /**
     * A function of one number: double in, double out (integers convert to double), and the C float
     * variant for a float. {@code spark} is Spark's function of the same double semantics, or null.
     */
    private static Declared.Builder transcendental(String name, String description, D1 f, SparkUnary spark) {
        Overload onDouble = Overload.of(List.of(DOUBLE), DOUBLE, a -> f.apply((Double) a[0]));
        return Declared.function(name, description)
                .overload(spark == null ? onDouble : onDouble.native_(c -> spark.apply(c.get(0))))
                .overload(List.of(FLOAT), FLOAT, a -> (float) f.apply((Float) a[0]));
    }

    private interface SparkUnary extends Serializable {
        Column apply(Column x);
    }

    private interface SparkBinary extends Serializable {
        Column apply(Column x, Column y);
    }

    /** A function of two numbers: in double (integers convert), or in float for two floats. */
    private static Declared.Builder binary(String name, String description, D2 f, SparkBinary spark) {
        Overload onDouble = Overload.of(List.of(DOUBLE, DOUBLE), DOUBLE,
                a -> f.apply((Double) a[0], (Double) a[1]));
        return Declared.function(name, description)
                .overload(spark == null ? onDouble : onDouble.native_(c -> spark.apply(c.get(0), c.get(1))))
                .overload(List.of(FLOAT, FLOAT), FLOAT, a -> (float) f.apply((Float) a[0], (Float) a[1]))
                .boolAsNumber();
    }

    /** log(x) natural, log(base, x) = ln(x) / ln(base) in double. */
    private static ScalarFunction log() {
        return Declared.function("log", "log(x): natural logarithm; log(base, x): logarithm of x to the base")
                .overload(List.of(DOUBLE), DOUBLE, a -> Math.log((Double) a[0]))
                .overload(List.of(FLOAT), FLOAT, a -> (float) Math.log((Float) a[0]))
                .overload(List.of(DOUBLE, DOUBLE), DOUBLE, a -> Math.log((Double) a[1]) / Math.log((Double) a[0]))
                .boolAsNumber().build();
    }

    /** OpenMLDB's cot: 1 / tan(x) in double, cosf(x) / sinf(x) in float. */
    private static ScalarFunction cot() {
        return Declared.function("cot", "cotangent of an angle in radians")
                .overload(Overload.of(List.of(DOUBLE), DOUBLE, a -> 1 / Math.tan((Double) a[0]))
                        .native_(c -> functions.cot(c.get(0))))
                .overload(List.of(FLOAT), FLOAT, a -> (float) (Math.cos((Float) a[0]) / Math.sin((Float) a[0])))
                .build();
    }

    /** atan(x): arc tangent; atan(y, x): as atan2. */
    private static ScalarFunction atan() {
        return Declared.function("atan", "atan(x): arc tangent in radians; atan(y, x): as atan2(y, x)")
                .overload(Overload.of(List.of(DOUBLE), DOUBLE, a -> Math.atan((Double) a[0]))
                        .native_(c -> functions.atan(c.get(0))))
                .overload(List.of(FLOAT), FLOAT, a -> (float) Math.atan((Float) a[0]))
                .overload(Overload.of(List.of(DOUBLE, DOUBLE), DOUBLE, a -> Math.atan2((Double) a[0], (Double) a[1]))
                        .acceptingBool())
                .overload(List.of(FLOAT, FLOAT), FLOAT, a -> (float) Math.atan2((Float) a[0], (Float) a[1]))
                .build();
    }
}

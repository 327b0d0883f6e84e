package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;

import java.util.List;
import java.util.Optional;

import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.NULL;
import static io.windrow.udf.type.SqlType.STRING;

/**
 * OpenMLDB's implicit conversions of function arguments: the cost of converting a value to a
 * parameter type (for choosing among overloads), and the common type of values that meet in one
 * result ({@code ifnull}, {@code nvl2}, {@code if}, {@code coalesce}; also OpenMLDB's rule for
 * CASE branches).
 */
public final class Conversions {
    /** Not convertible. */
    static final int NONE = -1;

    private Conversions() {}

    /**
     * How far {@code from} is from {@code to}: 0 when equal, a small positive number for an implicit
     * widening (integer to a wider integer, integer or float to double, integer to float last),
     * {@link #NONE} otherwise, also for an untyped NULL. Integers prefer double to float, as OpenMLDB's math
     * functions cast any number to double when no overload fits exactly.
     */
    static int cost(SqlType from, SqlType to) {
        return cost(from, to, false);
    }

    /**
     * As {@link #cost(SqlType, SqlType)}; with {@code boolAsNumber} a bool also converts to double
     * (last of all), as in the math functions OpenMLDB declares for any arithmetic argument.
     */
    static int cost(SqlType from, SqlType to, boolean boolAsNumber) {
        if (boolAsNumber && from == BOOL && to == DOUBLE) {
            return 10;
        }
        if (from == to) {
            return 0;
        }
        if (from == NULL) {
            // OpenMLDB matches an untyped NULL to no typed parameter: like_match(s, NULL) does not
            // compile (test_like_match id 17); CAST(NULL AS type) does
            return NONE;
        }
        if (from.isIntegral() && to.isIntegral()) {
            return to.ordinal() > from.ordinal() ? to.ordinal() - from.ordinal() : NONE;
        }
        if (from.isIntegral() && to == DOUBLE) {
            return 4;
        }
        if (from.isIntegral() && to == FLOAT) {
            return 5;
        }
        if (from == FLOAT && to == DOUBLE) {
            return 1;
        }
        return NONE;
    }

    /** Total cost of converting {@code args} to {@code parameters}, or {@link #NONE}. */
    static int cost(List<SqlType> args, List<SqlType> parameters, boolean boolAsNumber) {
        if (args.size() != parameters.size()) {
            return NONE;
        }
        int total = 0;
        for (int i = 0; i < args.size(); i++) {
            int c = cost(args.get(i), parameters.get(i), boolAsNumber);
            if (c == NONE) {
                return NONE;
            }
            total += c;
        }
        return total;
    }

    /**
     * The type two values are both converted to where they meet in one result, as OpenMLDB types
     * {@code ifnull(int64, float)} (double), {@code nvl2(x, 'a', 1)} (string) or CASE branches:
     * equal types stay; NULL takes the other; a string wins over anything; among numbers the wider
     * one, except that int64 and float meet in double; bool meets a number as that number. Empty
     * when there is none (timestamp and int64, date and timestamp, bool and date, ...).
     */
    public static Optional<SqlType> common(SqlType a, SqlType b) {
        if (a == b) {
            return Optional.of(a);
        }
        if (a == NULL) {
            return Optional.of(b);
        }
        if (b == NULL) {
            return Optional.of(a);
        }
        if (a == STRING || b == STRING) {
            return Optional.of(STRING);
        }
        if (a == BOOL && b.isNumeric()) {
            return Optional.of(b);
        }
        if (b == BOOL && a.isNumeric()) {
            return Optional.of(a);
        }
        if (a.isNumeric() && b.isNumeric()) {
            if (a == DOUBLE || b == DOUBLE) {
                return Optional.of(DOUBLE);
            }
            if (a == FLOAT || b == FLOAT) {
                return Optional.of(a == INT64 || b == INT64 ? DOUBLE : FLOAT);
            }
            return Optional.of(a.ordinal() > b.ordinal() ? a : b);
        }
        return Optional.empty();
    }

    /** The common type of all of {@code types}, left to right. */
    public static Optional<SqlType> common(List<SqlType> types) {
        Optional<SqlType> result = Optional.of(NULL);
        for (SqlType type : types) {
            result = result.flatMap(r -> common(r, type));
        }
        return result;
    }
}

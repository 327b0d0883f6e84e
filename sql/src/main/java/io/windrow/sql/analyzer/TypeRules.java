package io.windrow.sql.analyzer;

import io.windrow.udf.type.SqlType;

import java.util.Optional;

import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DATE;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT16;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.NULL;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.STRING_LIST;
import static io.windrow.udf.type.SqlType.TIMESTAMP;

/**
 * OpenMLDB's typing of operators and conversions (hybridse {@code ExprNode::*TypeAccept},
 * {@code IsSafeCast}, {@code InferNumberCastTypes}, {@code IsCastAccept}), as pure functions of the
 * operand types. As in OpenMLDB, BOOL counts as a number (an integer) in arithmetic and comparisons;
 * an untyped NULL takes the other operand's type. Each method returns empty when OpenMLDB rejects
 * the combination.
 */
final class TypeRules {
    private TypeRules() {}

    /** OpenMLDB's "number": the integers including BOOL, and the floating types. */
    static boolean isNumber(SqlType type) {
        return type == BOOL || type.isNumeric();
    }

    /** OpenMLDB's "integer": BOOL, INT16, INT32, INT64. */
    static boolean isInteger(SqlType type) {
        return type == BOOL || type.isIntegral();
    }

    /**
     * Conversions that lose nothing, applied silently: to a wider integer, to a wider float, BOOL to
     * any number, an integer to TIMESTAMP (milliseconds).
     */
    static boolean isSafeCast(SqlType from, SqlType to) {
        if (from == to) {
            return true;
        }
        return switch (to) {
            case INT16 -> from == BOOL;
            case INT32 -> from == BOOL || from == INT16;
            case INT64 -> isInteger(from);
            case FLOAT -> from == BOOL;
            case DOUBLE -> from == BOOL || from == FLOAT;
            case TIMESTAMP -> isInteger(from);
            default -> false;
        };
    }

    /**
     * The type two numbers are computed in: the one the other converts to safely, else the floating
     * one (an integer meets a float: {@code int64 + float} is float, as in OpenMLDB).
     */
    static Optional<SqlType> commonNumber(SqlType left, SqlType right) {
        if (!isNumber(left) || !isNumber(right)) {
            return Optional.empty();
        }
        if (isSafeCast(left, right)) {
            return Optional.of(right);
        }
        if (isSafeCast(right, left)) {
            return Optional.of(left);
        }
        if (right.isFloating()) {
            return Optional.of(right);
        }
        if (left.isFloating()) {
            return Optional.of(left);
        }
        return Optional.empty();
    }

    /**
     * The result type of {@code left op right}; for ADD/SUBTRACT with a timestamp it is TIMESTAMP.
     * NULL with a valid operand gives that operand's type (NULL with NULL: NULL).
     */
    static Optional<SqlType> arithmetic(ArithmeticOp op, SqlType left, SqlType right) {
        return switch (op) {
            case ADD -> {
                if (!additive(left) || !additive(right)) {
                    yield Optional.empty();
                }
                if (left == NULL || right == NULL) {
                    yield Optional.of(left == NULL ? right : left);
                }
                if (left == TIMESTAMP && (right == TIMESTAMP || isInteger(right))) {
                    yield Optional.of(TIMESTAMP);
                }
                if (right == TIMESTAMP && isInteger(left)) {
                    yield Optional.of(TIMESTAMP);
                }
                yield commonNumber(left, right);
            }
            case SUBTRACT -> {
                if (!additive(left) || !additive(right)) {
                    yield Optional.empty();
                }
                if (left == NULL || right == NULL) {
                    yield Optional.of(left == NULL ? right : left);
                }
                if (left == TIMESTAMP && isInteger(right)) {
                    yield Optional.of(TIMESTAMP);
                }
                yield commonNumber(left, right);
            }
            case MULTIPLY, MODULO -> numbersOrNull(left, right, false);
            case INTEGER_DIVIDE -> numbersOrNull(left, right, true);
            // hybridse's BitwiseLogicalTypeAccept: integers only, bool excluded (test_arithmetic
            // "bitwise_operators_fail" rejects a bool operand); NULL takes the other side's type.
            case BIT_AND, BIT_OR, BIT_XOR -> isIntegralOrNull(left) && isIntegralOrNull(right)
                    ? (left == NULL || right == NULL ? Optional.of(left == NULL ? right : left) : commonNumber(left, right))
                    : Optional.empty();
            // hybridse's FDivTypeAccept takes a timestamp dividend, but OpenMLDB's cases (test_arithmetic
            // "各种类型_[%MOD*/]_各种类型_错误") reject it: the cases are the spec.
            case DIVIDE -> (left == NULL || isNumber(left)) && (right == NULL || isNumber(right))
                    ? Optional.of(DOUBLE) : Optional.empty();
        };
    }

    private static boolean additive(SqlType type) {
        return type == NULL || isNumber(type) || type == TIMESTAMP;
    }

    private static Optional<SqlType> numbersOrNull(SqlType left, SqlType right, boolean integersOnly) {
        boolean leftOk = left == NULL || (integersOnly ? isInteger(left) : isNumber(left));
        boolean rightOk = right == NULL || (integersOnly ? isInteger(right) : isNumber(right));
        if (!leftOk || !rightOk) {
            return Optional.empty();
        }
        if (left == NULL || right == NULL) {
            return Optional.of(left == NULL ? right : left);
        }
        return commonNumber(left, right);
    }

    /**
     * The type two compared operands are converted to: numbers to their common number, anything
     * compared with a string to STRING, otherwise equal types only (a timestamp is not comparable
     * with an integer, nor a date with a timestamp). NULL takes the other side's type.
     */
    static Optional<SqlType> comparison(SqlType left, SqlType right) {
        if (left == STRING_LIST || right == STRING_LIST) {
            return Optional.empty();
        }
        if (left == NULL || right == NULL) {
            return Optional.of(left == NULL ? right : left);
        }
        if (isNumber(left) && isNumber(right)) {
            return commonNumber(left, right);
        }
        if (left == STRING || right == STRING) {
            return Optional.of(STRING);
        }
        return left == right ? Optional.of(left) : Optional.empty();
    }

    /** Whether an explicit CAST from {@code from} to {@code to} is accepted (dates and numbers do not mix). */
    static boolean castAccepted(SqlType from, SqlType to) {
        if (from == to || from == NULL) {
            return true;
        }
        if (from == STRING_LIST || to == STRING_LIST) {
            return false;
        }
        if (from == DATE && isNumber(to) && to != BOOL) {
            return false;
        }
        return !(isNumber(from) && to == DATE);
    }

    /** The types accepted by each rule, for messages. */
    static String accepted(ArithmeticOp op) {
        return switch (op) {
            case ADD -> "numbers (bool, int16, int32, int64, float, double), timestamp + integer or timestamp + timestamp";
            case SUBTRACT -> "numbers (bool, int16, int32, int64, float, double) or timestamp - integer";
            case MULTIPLY, MODULO -> "numbers (bool, int16, int32, int64, float, double)";
            case INTEGER_DIVIDE -> "integers (bool, int16, int32, int64)";
            case DIVIDE -> "numbers (bool, int16, int32, int64, float, double)";
            case BIT_AND, BIT_OR, BIT_XOR -> "integers (int16, int32, int64)";
        };
    }

    static final String COMPARABLE = "two numbers, a string with any value, or two values of the same type";

    static boolean isIntegralOrNull(SqlType type) {
        return type == NULL || type == INT16 || type == INT32 || type == INT64;
    }
}

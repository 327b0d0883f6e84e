package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.apache.spark.sql.Column;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One signature of a scalar function: parameter types, result type, NULL rule, the row-by-row
 * implementation and, where Spark's own expression gives the same results, its Catalyst translation.
 * Function families declare their overloads as tables of these.
 */
record Overload(List<SqlType> parameters, SqlType result, boolean nullInNullOut, Impl impl, Translation spark,
               boolean boolAsNumber) implements Serializable {

    /** The implementation: receives values of exactly the parameter types (non-null if nullInNullOut). */
    @FunctionalInterface
    interface Impl extends Serializable {
        Object apply(Object[] arguments);
    }

    /** A Catalyst translation of the call; arguments are already of the parameter types. */
    @FunctionalInterface
    interface Translation extends Serializable {
        Column toSpark(List<Column> arguments);
    }

    Overload {
        parameters = List.copyOf(parameters);
        requireNonNull(result, "result");
        requireNonNull(impl, "impl");
    }

    static Overload of(List<SqlType> parameters, SqlType result, Impl impl) {
        return new Overload(parameters, result, true, impl, null, false);
    }

    /** The same overload, also computed natively by Spark. */
    Overload native_(Translation translation) {
        return new Overload(parameters, result, nullInNullOut, impl, requireNonNull(translation, "translation"),
                boolAsNumber);
    }

    /** The same overload, called with NULL arguments (it decides itself what a NULL gives). */
    Overload seesNulls() {
        return new Overload(parameters, result, false, impl, spark, boolAsNumber);
    }

    /**
     * The same overload, also taking a bool converted to double, as OpenMLDB's math functions declared
     * for any arithmetic argument do ({@code log(false)} is -Infinity).
     */
    Overload acceptingBool() {
        return new Overload(parameters, result, nullInNullOut, impl, spark, true);
    }

    BoundFunction bind() {
        return spark == null ? new Bound(parameters, result, nullInNullOut, impl)
                : new NativeBound(parameters, result, nullInNullOut, impl, spark);
    }

    String signature(String name) {
        return name + "(" + parameters.stream().map(SqlType::sqlName).collect(Collectors.joining(", ")) + ") -> "
                + result.sqlName();
    }

    /** A bound call that only Windrow evaluates. */
    record Bound(List<SqlType> parameterTypes, SqlType resultType, boolean nullInNullOut, Impl impl)
            implements BoundFunction {
        @Override
        public Object apply(Object[] arguments) {
            return Overload.apply(nullInNullOut, impl, arguments);
        }
    }

    /** A bound call that Spark's expressions compute with the same results. */
    record NativeBound(List<SqlType> parameterTypes, SqlType resultType, boolean nullInNullOut, Impl impl,
                       Translation spark) implements BoundFunction, SparkNative {
        @Override
        public Object apply(Object[] arguments) {
            return Overload.apply(nullInNullOut, impl, arguments);
        }

        @Override
        public Column toSpark(List<Column> arguments) {
            return spark.toSpark(arguments);
        }
    }

    private static Object apply(boolean nullInNullOut, Impl impl, Object[] arguments) {
        if (nullInNullOut) {
            for (Object argument : arguments) {
                if (argument == null) {
                    return null;
                }
            }
        }
        return impl.apply(arguments);
    }
}

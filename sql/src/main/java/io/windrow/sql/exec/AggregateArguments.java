package io.windrow.sql.exec;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Position;
import io.windrow.udf.WindowFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.apache.spark.sql.functions.lit;

/**
 * The typed arguments of one aggregate call: the first {@code valueArity} are read per row, the
 * rest are constants fixed by the query (the {@code n} of {@code topn_frequency}) and must be
 * literals. Window calls and whole-table aggregates type their calls the same way.
 */
record AggregateArguments(List<DataType> types, List<Object> constants, int valueArity, DataType resultType) {
    AggregateArguments {
        types = List.copyOf(types);
        constants = Collections.unmodifiableList(new ArrayList<>(constants));
    }

    /**
     * Types {@code args} of {@code function}, called as {@code name} at {@code position} (for messages);
     * {@code valueType} types a per-row argument.
     */
    static AggregateArguments of(WindowFunction function, String name, List<Expr> args, Position position,
            ExpressionCompiler compiler, Function<Expr, DataType> valueType) {
        int arity = function.valueArity(args.size());
        List<DataType> types = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr arg = args.get(i);
            if (i < arity) {
                types.add(valueType.apply(arg));
            } else if (arg instanceof Expr.Literal literal) {
                constants.add(literal.value());
                types.add(literal.value() == null ? DataTypes.NullType : compiler.typeOf(lit(literal.value())));
            } else {
                throw new IllegalArgumentException(arg.position() + ": argument " + (i + 1) + " of " + name
                        + " must be a constant near '" + name + "'");
            }
        }
        try {
            return new AggregateArguments(types, constants, arity, function.resultType(types));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position + " " + name + ": " + e.getMessage(), e);
        }
    }
}

package io.windrow.sql.plan;

import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Position;

import java.util.List;

/**
 * One aggregate call of a window group: {@code function(args) OVER frames[frameIndex]}, producing
 * column {@code id}. {@code perFrame} marks calls whose arguments read the current row
 * ({@code at(col, 0)} inside the argument): they cannot be maintained incrementally.
 */
public record WindowCall(String id, String function, List<Expr> args, int frameIndex, boolean perFrame,
        Position position) {
    public WindowCall {
        args = List.copyOf(args);
    }
}

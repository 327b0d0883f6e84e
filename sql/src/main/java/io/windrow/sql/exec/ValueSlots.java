package io.windrow.sql.exec;

import io.windrow.sql.analyzer.Expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-row argument expressions an operator's calls read, one value column (slot) per distinct
 * expression (typed expressions are equal when they compute the same thing): an argument written
 * twice, in one call or in several, is computed once.
 */
final class ValueSlots {
    private final Map<Expression, Integer> slots = new HashMap<>();
    private final List<Expression> exprs = new ArrayList<>();

    /** The slot of {@code expr}, added after the existing ones when it is new. */
    int slotOf(Expression expr) {
        return slots.computeIfAbsent(expr, k -> {
            exprs.add(expr);
            return exprs.size() - 1;
        });
    }

    /** The expressions in slot order. */
    List<Expression> exprs() {
        return Collections.unmodifiableList(exprs);
    }

    int size() {
        return exprs.size();
    }
}

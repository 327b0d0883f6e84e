package io.windrow.sql.request;

import io.windrow.sql.exec.RowEvaluator;

/** A select list over the request's row: the plan's typed expressions, evaluated by {@link RowEvaluator}. */
final class RequestProject implements RequestNode {
    private final RequestNode child;
    private final RowEvaluator[] expressions;

    RequestProject(RequestNode child, RowEvaluator[] expressions) {
        this.child = child;
        this.expressions = expressions.clone();
    }

    @Override
    public Object[] evaluate(Object[] request) {
        Object[] row = child.evaluate(request);
        Object[] out = new Object[expressions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = expressions[i].eval(row, row);
        }
        return out;
    }
}

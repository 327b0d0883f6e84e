package io.windrow.sql.request;

import io.windrow.sql.exec.RowEvaluator;

import java.util.Arrays;
import java.util.List;

/**
 * A LAST JOIN for the request. A right side read from a stored table looks the request's keys up in
 * its {@link JoinIndex}. A right side computed from the main table itself (the
 * {@code out0 LAST JOIN (select ... from main window ...) out1 ON out0.reqId = out1.reqId} form that
 * feature tools write) is evaluated for the request row too, as OpenMLDB's request mode does, and
 * joins it when the ON condition holds: in batch, that right row is the request's own row of the
 * right select, the one the join finds when the key (reqId) identifies the row.
 */
final class RequestLastJoin implements RequestNode {
    private final RequestNode left;
    private final RowEvaluator[] leftKeys;
    private final RowEvaluator residual;
    private final int rightWidth;
    /** Exactly one of the two is set. */
    private final JoinIndex index;
    private final RequestNode rightRequest;
    private final RowEvaluator[] rightKeys;

    private RequestLastJoin(RequestNode left, RowEvaluator[] leftKeys, RowEvaluator residual, int rightWidth,
            JoinIndex index, RequestNode rightRequest, RowEvaluator[] rightKeys) {
        this.left = left;
        this.leftKeys = leftKeys.clone();
        this.residual = residual;
        this.rightWidth = rightWidth;
        this.index = index;
        this.rightRequest = rightRequest;
        this.rightKeys = rightKeys == null ? null : rightKeys.clone();
    }

    /** @param residual over the left row followed by the right row; null when there is none */
    static RequestLastJoin stored(RequestNode left, RowEvaluator[] leftKeys, RowEvaluator residual, int rightWidth,
            JoinIndex index) {
        return new RequestLastJoin(left, leftKeys, residual, rightWidth, index, null, null);
    }

    static RequestLastJoin onRequest(RequestNode left, RowEvaluator[] leftKeys, RowEvaluator residual,
            int rightWidth, RequestNode right, RowEvaluator[] rightKeys) {
        return new RequestLastJoin(left, leftKeys, residual, rightWidth, null, right, rightKeys);
    }

    @Override
    public Object[] evaluate(Object[] request) {
        Object[] leftRow = left.evaluate(request);
        List<Object> key = JoinKeys.of(keys(leftKeys, leftRow));
        Object[] rightRow = null;
        if (key != null) {
            if (index != null) {
                rightRow = index.lookup(key, right -> accepts(leftRow, right));
            } else {
                Object[] candidate = rightRequest.evaluate(request);
                if (key.equals(JoinKeys.of(keys(rightKeys, candidate))) && accepts(leftRow, candidate)) {
                    rightRow = candidate;
                }
            }
        }
        Object[] out = Arrays.copyOf(leftRow, leftRow.length + rightWidth);
        if (rightRow != null) {
            System.arraycopy(rightRow, 0, out, leftRow.length, rightWidth);
        }
        return out;
    }

    private static Object[] keys(RowEvaluator[] keys, Object[] row) {
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = keys[i].eval(row, row);
        }
        return values;
    }

    private boolean accepts(Object[] leftRow, Object[] rightRow) {
        if (residual == null) {
            return true;
        }
        Object[] joined = Arrays.copyOf(leftRow, leftRow.length + rightRow.length);
        System.arraycopy(rightRow, 0, joined, leftRow.length, rightRow.length);
        return Boolean.TRUE.equals(residual.eval(joined, joined));
    }
}

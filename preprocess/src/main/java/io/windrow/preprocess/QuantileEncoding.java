package io.windrow.preprocess;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Continuous field: bucket edges fitted on the training split. Local ids: 0 = NULL/NaN,
 * 1 = below the first edge, i + 1 = in [edges[i-1], edges[i]), edges.length + 1 = at or above the
 * last edge.
 */
public record QuantileEncoding(double[] edges) implements FieldEncoding {
    public QuantileEncoding {
        edges = requireNonNull(edges, "edges").clone();
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i - 1] < edges[i]))) {
                throw new IllegalArgumentException("quantile edges must be finite and strictly increasing: "
                        + Arrays.toString(edges));
            }
        }
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public int cardinality() {
        return edges.length + 2;
    }

    @Override
    public int localId(String field, String sqlType, Object value) {
        Double number = FieldValues.number(field, sqlType, value);
        if (number == null) {
            return NULL_ID;
        }
        int position = Arrays.binarySearch(edges, number);
        // Number of edges <= value (edges are distinct, so an exact hit at i means i + 1 of them).
        int atOrBelow = position >= 0 ? position + 1 : -position - 1;
        return 1 + atOrBelow;
    }

    @Override
    public String kind() {
        return "quantile";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuantileEncoding that && Arrays.equals(edges, that.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "QuantileEncoding" + Arrays.toString(edges);
    }
}

package io.windrow.preprocess;

/**
 * Categorical field hashed into a fixed number of buckets: nothing to fit, unseen values get an
 * id like any other. Local ids: 0 = NULL, 1 = empty string, 2 + (xxHash64(text, seed) mod buckets).
 */
public record HashEncoding(int buckets, long seed) implements FieldEncoding {
    public static final int EMPTY_ID = 1;

    public HashEncoding {
        if (buckets < 1) {
            throw new IllegalArgumentException("hash buckets must be positive, got " + buckets);
        }
    }

    @Override
    public int cardinality() {
        return buckets + 2;
    }

    @Override
    public int localId(String field, String sqlType, Object value) {
        String text = FieldValues.text(field, sqlType, value);
        if (text == null) {
            return NULL_ID;
        }
        if (text.isEmpty()) {
            return EMPTY_ID;
        }
        return 2 + (int) Math.floorMod(XxHash64.hash(text, seed), (long) buckets);
    }

    @Override
    public String kind() {
        return "hash";
    }
}

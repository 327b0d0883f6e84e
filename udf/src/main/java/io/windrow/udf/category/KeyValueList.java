package io.windrow.udf.category;

import io.windrow.udf.support.ValueFormat;

/**
 * Builds the {@code K:V,K:V} output of the {@code *_cate} family. Like OpenMLDB it stops before
 * the entry that would take the text past 4096 bytes (OpenMLDB's {@code MAX_OUTPUT_STR_SIZE},
 * counting a separator after every entry), so very wide frames give the same truncated string.
 */
final class KeyValueList {
    static final int MAX_OUTPUT_SIZE = 4096;

    private final StringBuilder text = new StringBuilder();
    private int budgetUsed;
    private boolean full;

    /** Appends {@code key:value}; returns false (and appends nothing) once the output is full. */
    boolean add(Object key, String value) {
        if (full) {
            return false;
        }
        String keyText = ValueFormat.format(key);
        int entrySize = utf8Length(keyText) + utf8Length(value) + 2;
        if (budgetUsed + entrySize > MAX_OUTPUT_SIZE) {
            full = true;
            return false;
        }
        if (text.length() > 0) {
            text.append(',');
        }
        text.append(keyText).append(':').append(value);
        budgetUsed += entrySize;
        return true;
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

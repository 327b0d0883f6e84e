package io.windrow.preprocess;

import java.util.Locale;

/** The two ways a categorical field can be encoded. */
public enum CategoricalEncoding {
    HASH, VOCABULARY;

    public static CategoricalEncoding parse(String field, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("categorical encoding '" + text + "'"
                    + (field == null ? "" : " for field '" + field + "'") + ": expected hash or vocabulary");
        }
    }
}

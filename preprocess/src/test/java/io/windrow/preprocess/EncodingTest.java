package io.windrow.preprocess;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-field encodings and the fitted state's JSON, without Spark. */
class EncodingTest {
    private static final LabelRule LABEL = new LabelRule("y", LabelRule.Kind.CAST, 0, "", LabelRule.MissingLabel.DROP);

    @Test
    void quantileBuckets() {
        QuantileEncoding encoding = new QuantileEncoding(new double[] {2.0, 5.0});
        assertThat(encoding.cardinality()).isEqualTo(4);
        assertThat(encoding.localId("x", "double", null)).isEqualTo(0);
        assertThat(encoding.localId("x", "double", Double.NaN)).isEqualTo(0);
        assertThat(encoding.localId("x", "double", 1.99)).isEqualTo(1);
        assertThat(encoding.localId("x", "double", 2.0)).isEqualTo(2);
        assertThat(encoding.localId("x", "double", 4.99)).isEqualTo(2);
        assertThat(encoding.localId("x", "double", 5.0)).isEqualTo(3);
        assertThat(encoding.localId("x", "double", 1e9)).isEqualTo(3);
        assertThat(encoding.localId("x", "bigint", 3)).as("an Integer for a bigint field").isEqualTo(2);
        assertThat(encoding.localId("t", "timestamp", new Timestamp(4))).isEqualTo(2);
        assertThatThrownBy(() -> new QuantileEncoding(new double[] {1.0, 1.0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashBucketsReserveNullAndEmpty() {
        HashEncoding encoding = new HashEncoding(100, 10);
        assertThat(encoding.cardinality()).isEqualTo(102);
        assertThat(encoding.localId("c", "string", null)).isEqualTo(0);
        assertThat(encoding.localId("c", "string", "")).isEqualTo(1);
        // xxh64("a", seed 10) = 2979951324382242040 -> mod 100 = 40 -> local id 42.
        assertThat(encoding.localId("c", "string", "a")).isEqualTo(42);
        // xxh64("123", seed 10) = 4526918285185040811 -> mod 100 = 11: bigint 123 hashes its decimal text.
        assertThat(encoding.localId("c", "bigint", 123L)).isEqualTo(13);
        assertThat(encoding.localId("c", "bigint", 123)).isEqualTo(13);
        // xxh64("nan", 10) is negative: floorMod keeps ids in range. -3560370502094095452 mod 100 = 48.
        assertThat(encoding.localId("c", "string", "nan")).isEqualTo(50);
    }

    @Test
    void vocabularyIds() {
        VocabularyEncoding encoding = new VocabularyEncoding(List.of("a", "b"));
        assertThat(encoding.cardinality()).isEqualTo(5);
        assertThat(encoding.localId("c", "string", null)).isEqualTo(0);
        assertThat(encoding.localId("c", "string", "")).isEqualTo(1);
        assertThat(encoding.localId("c", "string", "zzz")).isEqualTo(2);
        assertThat(encoding.localId("c", "string", "a")).isEqualTo(3);
        assertThat(encoding.localId("c", "string", "b")).isEqualTo(4);
    }

    @Test
    void typeMismatchNamesTheField() {
        VocabularyEncoding encoding = new VocabularyEncoding(List.of("a"));
        assertThatThrownBy(() -> encoding.localId("city", "string", 5L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'city': expected a string value, got Long");
    }

    @Test
    void fittedStateRoundTripsThroughJsonAndEncodesRows() {
        FittedPreprocessor fitted = FittedPreprocessor.of(LABEL, List.of("amount", "city", "user"),
                List.of("double", "string", "bigint"),
                List.of(new QuantileEncoding(new double[] {2.0, 5.0}), new VocabularyEncoding(List.of("a", "b")),
                        new HashEncoding(100, 10)));
        assertThat(fitted.totalIds()).isEqualTo(4 + 5 + 102);
        assertThat(fitted.fields().get(1).offset()).isEqualTo(4);
        assertThat(fitted.fields().get(2).offset()).isEqualTo(9);

        String json = fitted.toJson();
        assertThat(json).contains("\"kind\" : \"vocabulary\"").contains("\"edges\" : [ 2.0, 5.0 ]");
        FittedPreprocessor loaded = FittedPreprocessor.fromJson(json);
        assertThat(loaded).isEqualTo(fitted);

        Map<String, Object> row = new HashMap<>();
        row.put("amount", 3.0);
        row.put("city", "b");
        row.put("user", 123L);
        assertThat(loaded.encode(row)).containsExactly(2, 4 + 4, 9 + 13);
        row.put("city", null);
        assertThat(loaded.encode(row)).containsExactly(2, 4, 9 + 13);
        row.remove("user");
        assertThatThrownBy(() -> loaded.encode(row)).hasMessageContaining("field 'user' is missing from the row");
    }

    @Test
    void corruptStateIsRejected() {
        String json = FittedPreprocessor.of(LABEL, List.of("a"), List.of("double"),
                List.of(new QuantileEncoding(new double[] {1.0}))).toJson();
        assertThatThrownBy(() -> FittedPreprocessor.fromJson(json.replace("\"totalIds\" : 3", "\"totalIds\" : 4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("totalIds 4 != sum of cardinalities 3");
        assertThatThrownBy(() -> FittedPreprocessor.fromJson("{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fitted state is not valid");
    }
}

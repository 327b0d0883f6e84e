package io.windrow.jobs.serve;

import io.windrow.preprocess.FittedPreprocessor;
import io.windrow.preprocess.HashEncoding;
import io.windrow.preprocess.LabelRule;
import io.windrow.preprocess.QuantileEncoding;
import io.windrow.preprocess.VocabularyEncoding;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.ModelStore;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A fitted preprocessing of {@link RowOnlyEngine}'s features (every kind of encoding) and a random DeepFM over it. */
final class ServeFixture {
    private ServeFixture() {
    }

    static FittedPreprocessor fitted() {
        return fitted(List.of("a", "b", "x", "seen"));
    }

    /** The same encodings over other column names (for mismatch tests). */
    static FittedPreprocessor fitted(List<String> names) {
        return FittedPreprocessor.of(new LabelRule("y", LabelRule.Kind.CAST, 0, null, LabelRule.MissingLabel.DROP), names,
                List.of("string", "string", "double", "bigint"),
                List.of(new HashEncoding(7, 1), new VocabularyEncoding(List.of("u_0", "u_1", "v_2")),
                        new QuantileEncoding(new double[] {0.5, 1.5}), new QuantileEncoding(new double[] {0.5, 2.5})));
    }

    static byte[] model(FittedPreprocessor fitted) {
        ModelSpec spec = new ModelSpec("deepfm", fitted.outputColumns(), fitted.totalIds(), 4, List.of(8), "relu", 0.2,
                false, 0.5, DataType.FLOAT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelStore.saveModel(DeepFmModel.initialize(spec, 5), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

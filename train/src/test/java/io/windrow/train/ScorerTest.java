package io.windrow.train;

import io.windrow.train.data.Batch;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScorerTest {
    @TempDir
    Path dir;

    @Test
    void savedModelScoresLikeTheOriginalAndEncodesRawRows() throws Exception {
        ModelSpec spec = new ModelSpec("deepfm", List.of("f_a", "f_b"), 10, 3, List.of(8), "relu", 0.2, true, 0.5, DataType.FLOAT);
        DeepFmModel model = DeepFmModel.initialize(spec, 9);
        // a few training steps so batch-norm running statistics and weights are not at their initial values
        io.windrow.train.model.AdamOptimizer adam = new io.windrow.train.model.AdamOptimizer(model);
        Batch batch = new Batch(4, 2, new int[] {0, 5, 1, 6, 2, 7, 3, 9}, new float[] {1, 0, 1, 0});
        for (int i = 0; i < 5; i++) {
            adam.apply(model.lossAndGradients(batch, true), 0.05);
        }
        Path file = dir.resolve("model.bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            ModelStore.saveModel(model, out);
        }
        DeepFmScorer scorer = DeepFmScorer.load(file);
        assertThat(scorer.spec()).isEqualTo(spec);
        double[] logits = model.logits(batch);
        double[] probabilities = scorer.probabilities(batch.ids(), 4);
        for (int i = 0; i < 4; i++) {
            assertThat(probabilities[i]).isCloseTo(1 / (1 + Math.exp(-logits[i])), within(1e-6));
        }
        DeepFmScorer raw = scorer.withEncoder(row -> new int[] {(Integer) row.get("a"), 5 + (Integer) row.get("b")});
        assertThat(raw.probability(Map.of("a", 2, "b", 2))).isCloseTo(probabilities[2], within(1e-9));
        assertThatThrownBy(() -> scorer.probability(new int[] {0, 10}))
                .hasMessage("id 10 of field f_b is outside the model's table [0, 10)");
        assertThatThrownBy(() -> scorer.probability(new int[] {0}))
                .hasMessage("expected 1 x 2 ids (fields [f_a, f_b]), got 1");
    }
}

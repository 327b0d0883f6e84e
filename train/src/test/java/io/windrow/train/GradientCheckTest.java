package io.windrow.train;

import io.windrow.train.data.Batch;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.Gradients;
import io.windrow.train.model.ModelSpec;
import io.windrow.train.model.Param;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analytic gradients of the whole DeepFM (sparse tables, FM term, DNN with batch norm, ReLU with
 * dropout) vs central differences. Dropout masks are held fixed by reseeding ND4J's generator before
 * every pass, which makes the training-mode network a deterministic function to differentiate.
 */
class GradientCheckTest {
    private record Shape(String activation, double dropout, boolean batchNorm) {}

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        for (Shape shape : List.of(new Shape("tanh", 0, false), new Shape("tanh", 0, true),
                new Shape("relu", 0.3, false), new Shape("relu", 0.3, true))) {
            ModelSpec spec = new ModelSpec("deepfm", List.of("a", "b", "c"), 12, 4, List.of(6, 5), shape.activation(),
                    shape.dropout(), shape.batchNorm(), 0.3, DataType.DOUBLE);
            DeepFmModel model = DeepFmModel.initialize(spec, 3);
            Batch batch = batch(new Random(5), 8, 3, 12);
            Gradients g = pass(model, batch);
            int checked = 0;
            double h = 1e-3;
            for (int slot = 0; slot < Math.min(g.count(), 6); slot++) {
                int id = g.id(slot);
                for (int k = 0; k < 4; k++) {
                    float original = model.embedding(id, k);
                    model.setEmbedding(id, k, original + (float) h);
                    double plus = pass(model, batch).loss();
                    model.setEmbedding(id, k, original - (float) h);
                    double minus = pass(model, batch).loss();
                    model.setEmbedding(id, k, original);
                    double numeric = (plus - minus) / ((original + (float) h) - (original - (float) h));
                    Gradients analytic = pass(model, batch);
                    assertClose(analytic.embedding(slotOf(analytic, id), k, 4), numeric, shape + " embedding " + id + "," + k);
                    checked++;
                }
                float original = model.linear(id);
                model.setLinear(id, original + (float) h);
                double plus = pass(model, batch).loss();
                model.setLinear(id, original - (float) h);
                double minus = pass(model, batch).loss();
                model.setLinear(id, original);
                double numeric = (plus - minus) / ((original + (float) h) - (original - (float) h));
                Gradients analytic = pass(model, batch);
                assertClose(analytic.linear(slotOf(analytic, id)), numeric, shape + " linear " + id);
            }
            for (Param param : model.params()) {
                INDArray values = param.value();
                for (long i = 0; i < values.length(); i += 11) {
                    double original = values.getDouble(i);
                    values.putScalar(i, original + 1e-6);
                    double plus = pass(model, batch).loss();
                    values.putScalar(i, original - 1e-6);
                    double minus = pass(model, batch).loss();
                    values.putScalar(i, original);
                    pass(model, batch);
                    assertClose(param.gradient().getDouble(i), (plus - minus) / 2e-6, shape + " " + param.name() + "[" + i + "]");
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(30);
        }
    }

    private static Gradients pass(DeepFmModel model, Batch batch) {
        Nd4j.getRandom().setSeed(7);
        return model.lossAndGradients(batch, true);
    }

    private static int slotOf(Gradients g, int id) {
        for (int slot = 0; slot < g.count(); slot++) {
            if (g.id(slot) == id) {
                return slot;
            }
        }
        throw new AssertionError("id " + id + " not in gradients");
    }

    private static void assertClose(double analytic, double numeric, String what) {
        assertThat(Math.abs(analytic - numeric))
                .as(what + ": analytic " + analytic + " numeric " + numeric)
                .isLessThanOrEqualTo(1e-5 + 1e-3 * Math.abs(numeric));
    }

    static Batch batch(Random random, int rows, int fields, int total) {
        int[] ids = new int[rows * fields];
        float[] labels = new float[rows];
        for (int b = 0; b < rows; b++) {
            for (int f = 0; f < fields; f++) {
                ids[b * fields + f] = f * (total / fields) + random.nextInt(total / fields);
            }
            labels[b] = random.nextInt(2);
        }
        return new Batch(rows, fields, ids, labels);
    }
}

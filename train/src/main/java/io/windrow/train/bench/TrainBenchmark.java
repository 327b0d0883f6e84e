package io.windrow.train.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.windrow.train.Backends;
import io.windrow.train.data.Batch;
import io.windrow.train.model.AdamOptimizer;
import io.windrow.train.model.DeepFmModel;
import io.windrow.train.model.Gradients;
import io.windrow.train.model.ModelSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code bench train}: training throughput (samples/s) of the seed's DeepFM shape (41 fields,
 * dim 16, DNN 5 x 1000, dropout 0.2) and a small one on synthetic batches, and the DNN's achieved
 * GFLOP/s as a fraction of what plain ND4J matrix multiplies of the very same shapes reach in the
 * same run (forward x*W, backward x^T*g and g*W^T per layer). The fraction says how much of the
 * machine's GEMM speed the trainer's other work (embedding gather/scatter, FM, activations, Adam) costs.
 * Training and the bare multiplies alternate in rounds and each keeps its fastest round, so a noisy
 * neighbour slows both sides of the ratio alike instead of whichever ran during the noise.
 * Call {@link #run(Config)} with the {@code train.bench} section; {@link #main} runs it with the defaults.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {}

    /** Figures of one model shape. */
    public record ShapeResult(String name, List<Integer> hidden, int fields, int dim, int batchSize, int steps,
            int rounds, double samplesPerSecond, double dnnGflops, double matmulGflops) {
        public double fractionOfMatmul() {
            return dnnGflops / matmulGflops;
        }
    }

    /** The whole benchmark: backend and one result per shape. */
    public record Result(String backend, List<ShapeResult> shapes) {
        public String json() {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode().put("benchmark", "train").put("backend", backend);
            ArrayNode array = root.putArray("shapes");
            for (ShapeResult s : shapes) {
                ObjectNode node = array.addObject().put("name", s.name()).put("fields", s.fields()).put("dim", s.dim())
                        .put("batch_size", s.batchSize()).put("steps", s.steps()).put("rounds", s.rounds())
                        .put("samples_per_s", round(s.samplesPerSecond())).put("dnn_gflops", round(s.dnnGflops()))
                        .put("matmul_gflops", round(s.matmulGflops())).put("fraction_of_matmul", round(s.fractionOfMatmul()));
                s.hidden().forEach(node.putArray("hidden")::add);
            }
            return root.toPrettyString();
        }

        public String line() {
            StringBuilder line = new StringBuilder("bench train (" + backend + "):");
            for (ShapeResult s : shapes) {
                line.append(String.format(Locale.ROOT, " %s %.0f samples/s, DNN %.1f GFLOP/s = %.2f of matmul %.1f GFLOP/s;",
                        s.name(), s.samplesPerSecond(), s.dnnGflops(), s.fractionOfMatmul(), s.matmulGflops()));
            }
            return line.toString();
        }
    }

    public static void main(String[] args) throws java.io.IOException {
        Result result = run(defaults());
        System.out.println(result.json());
        System.out.println(result.line());
    }

    /** The {@code train.bench} section of this module's reference.conf (run outside the launcher). */
    static Config defaults() throws java.io.IOException {
        var resources = TrainBenchmark.class.getClassLoader().getResources("reference.conf");
        while (resources.hasMoreElements()) {
            java.net.URL url = resources.nextElement();
            try {
                Config config = ConfigFactory.parseURL(url);
                if (config.hasPath("train.bench")) {
                    return config.getConfig("train.bench");
                }
            } catch (com.typesafe.config.ConfigException e) {
                // another module's file; only this module's section matters here
            }
        }
        throw new IllegalStateException("no reference.conf with a train.bench section on the classpath");
    }

    /** Runs the benchmark with the settings of the {@code train.bench} config section. */
    public static Result run(Config bench) {
        Backends.BackendInfo backend = Backends.select("auto", true);
        int batchSize = bench.getInt("batch-size");
        int steps = bench.getInt("steps");
        int warmup = bench.getInt("warmup");
        int rounds = bench.getInt("rounds");
        int fields = bench.getInt("fields");
        int cardinality = bench.getInt("cardinality");
        List<ShapeResult> results = new ArrayList<>();
        results.add(measure("seed-5x1000", List.of(1000, 1000, 1000, 1000, 1000), fields, cardinality, batchSize, steps, warmup,
                rounds));
        results.add(measure("small", bench.getIntList("small-hidden"), fields, cardinality, batchSize, steps, warmup,
                rounds));
        return new Result(backend.describe(), results);
    }

    static ShapeResult measure(String name, List<Integer> hidden, int fields, int cardinality, int batchSize, int steps,
            int warmup, int rounds) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            names.add("f" + f);
        }
        int dim = 16;
        ModelSpec spec = new ModelSpec(ModelSpec.DEEPFM, names, fields * cardinality, dim, hidden, "relu", 0.2, false,
                1e-4, DataType.FLOAT);
        DeepFmModel model = DeepFmModel.initialize(spec, 1);
        AdamOptimizer optimizer = new AdamOptimizer(model);
        Random random = new Random(2);
        Batch[] batches = new Batch[4];
        for (int i = 0; i < batches.length; i++) {
            int[] ids = new int[batchSize * fields];
            float[] labels = new float[batchSize];
            for (int b = 0; b < batchSize; b++) {
                for (int f = 0; f < fields; f++) {
                    ids[b * fields + f] = f * cardinality + random.nextInt(cardinality);
                }
                labels[b] = random.nextInt(2);
            }
            batches[i] = new Batch(batchSize, fields, ids, labels);
        }
        List<INDArray[]> gemmShapes = gemmShapes(fields * dim, hidden, batchSize);
        for (int i = 0; i < warmup; i++) {
            step(model, optimizer, batches[i % batches.length]);
            gemms(gemmShapes);
        }
        double trainSeconds = Double.MAX_VALUE;
        double gemmSeconds = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            settle();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step(model, optimizer, batches[i % batches.length]);
            }
            trainSeconds = Math.min(trainSeconds, (System.nanoTime() - start) / 1e9);
            settle();
            start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                gemms(gemmShapes);
            }
            gemmSeconds = Math.min(gemmSeconds, (System.nanoTime() - start) / 1e9);
        }
        // forward 2 flops per multiply-add, backward twice that (input and weight gradients)
        double dnnFlops = 6.0 * batchSize * model.dnnMultiplyAddsPerSample() * steps;
        return new ShapeResult(name, hidden, fields, dim, batchSize, steps, rounds, batchSize * steps / trainSeconds,
                dnnFlops / trainSeconds / 1e9, dnnFlops / gemmSeconds / 1e9);
    }

    /**
     * A pause before a timed phase: OpenMP threads left spinning by the previous phase (when
     * OMP_WAIT_POLICY is not passive) would otherwise steal cores from the first multiplies measured.
     */
    private static void settle() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void step(DeepFmModel model, AdamOptimizer optimizer, Batch batch) {
        Gradients gradients = model.lossAndGradients(batch, true);
        optimizer.apply(gradients, 1e-3);
    }

    /**
     * Operands of the three GEMMs per layer that the DNN's forward and backward passes perform
     * (x*W, x^T*g, g*W^T), for the same widths and batch size as the model.
     */
    static List<INDArray[]> gemmShapes(int inputs, List<Integer> hidden, int batchSize) {
        List<Integer> widths = new ArrayList<>(List.of(inputs));
        widths.addAll(hidden);
        widths.add(1);
        List<INDArray[]> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.size(); l++) {
            int in = widths.get(l);
            int out = widths.get(l + 1);
            layers.add(new INDArray[] {
                    Nd4j.rand(DataType.FLOAT, batchSize, in), Nd4j.rand(DataType.FLOAT, in, out),
                    Nd4j.rand(DataType.FLOAT, batchSize, out), Nd4j.zeros(DataType.FLOAT, batchSize, out),
                    Nd4j.zeros(DataType.FLOAT, in, out), Nd4j.zeros(DataType.FLOAT, batchSize, in)});
        }
        return layers;
    }

    private static void gemms(List<INDArray[]> layers) {
        for (INDArray[] a : layers) {
            Nd4j.gemm(a[0], a[1], a[3], false, false, 1.0, 0.0); // x W
            Nd4j.gemm(a[0], a[2], a[4], true, false, 1.0, 0.0);  // x^T g
            Nd4j.gemm(a[2], a[1], a[5], false, true, 1.0, 0.0);  // g W^T
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

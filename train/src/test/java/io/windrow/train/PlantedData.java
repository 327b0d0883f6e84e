package io.windrow.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;

/**
 * A tiny preprocess output with a planted pairwise interaction: every id of fields 0 and 1 has a
 * hidden sign, and P(label) = sigmoid(2.5 * sign(a) * sign(b) + small first-order effects), which
 * logistic regression on one-hot ids cannot represent but DeepFM can. Also writes the truth table
 * (reqId, probability) as the generator does.
 */
final class PlantedData {
    static final int FIELDS = 4;
    static final int CARDINALITY = 12;

    private PlantedData() {}

    static void write(java.nio.file.Path dir, int trainRows, int evalRows, long seed) throws IOException {
        Random random = new Random(seed);
        double[][] sign = new double[FIELDS][CARDINALITY];
        double[][] weight = new double[FIELDS][CARDINALITY];
        for (int f = 0; f < FIELDS; f++) {
            for (int c = 0; c < CARDINALITY; c++) {
                sign[f][c] = random.nextBoolean() ? 1 : -1;
                weight[f][c] = random.nextGaussian() * 0.3;
            }
        }
        StringBuilder json = new StringBuilder("{\"label\": \"label\", \"total\": " + FIELDS * CARDINALITY + ", \"fields\": [");
        for (int f = 0; f < FIELDS; f++) {
            json.append(f == 0 ? "" : ", ").append("{\"name\": \"C").append(f).append("\", \"offset\": ")
                    .append(f * CARDINALITY).append(", \"cardinality\": ").append(CARDINALITY).append("}");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metadata.json"), json.append("]}").toString());
        MessageType schema = MessageTypeParser.parseMessageType("message row { required int32 label; required binary reqId (STRING); "
                + "required int32 C0; required int64 C1; required int32 C2; required int32 C3; }");
        MessageType truthSchema = MessageTypeParser.parseMessageType(
                "message truth { required binary reqId (STRING); required double probability; }");
        Configuration conf = new Configuration();
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        SimpleGroupFactory truths = new SimpleGroupFactory(truthSchema);
        try (ParquetWriter<Group> truth = writer(dir.resolve("truth/part-0.parquet"), truthSchema, conf)) {
            int request = 0;
            for (String split : new String[] {"train", "val", "test"}) {
                int n = split.equals("train") ? trainRows : evalRows;
                // two files per split, so file shuffling and multi-file reading are exercised
                for (int part = 0; part < 2; part++) {
                    try (ParquetWriter<Group> out = writer(dir.resolve(split + "/part-" + part + ".parquet"), schema, conf)) {
                        for (int i = part * n / 2; i < (part + 1) * n / 2; i++) {
                            int[] c = new int[FIELDS];
                            double logit = 0;
                            for (int f = 0; f < FIELDS; f++) {
                                c[f] = random.nextInt(CARDINALITY);
                                logit += weight[f][c[f]];
                            }
                            logit += 2.5 * sign[0][c[0]] * sign[1][c[1]];
                            double p = 1 / (1 + Math.exp(-logit));
                            String reqId = "r" + request++;
                            out.write(rows.newGroup().append("label", random.nextDouble() < p ? 1 : 0).append("reqId", reqId)
                                    .append("C0", c[0]).append("C1", (long) (CARDINALITY + c[1]))
                                    .append("C2", 2 * CARDINALITY + c[2]).append("C3", 3 * CARDINALITY + c[3]));
                            truth.write(truths.newGroup().append("reqId", reqId).append("probability", p));
                        }
                    }
                }
            }
        }
    }

    static ParquetWriter<Group> writer(java.nio.file.Path file, MessageType schema, Configuration conf) throws IOException {
        return ExampleParquetWriter.builder(new Path(file.toUri())).withType(schema).withConf(conf).build();
    }

    static TrainSettings settings(java.nio.file.Path input, java.nio.file.Path checkpoints, int epochs) {
        return settings(input, checkpoints, epochs, 0, 3, 1e-6);
    }

    /** Batches of 64 rows: with {@link TrainerTest}'s 3,000 train rows an epoch is 47 steps. */
    static TrainSettings settings(java.nio.file.Path input, java.nio.file.Path checkpoints, int epochs, int evalEverySteps,
            int patience, double minDelta) {
        return settings(input, checkpoints, epochs, evalEverySteps, patience, minDelta, 30);
    }

    static TrainSettings settings(java.nio.file.Path input, java.nio.file.Path checkpoints, int epochs, int evalEverySteps,
            int patience, double minDelta, int minAucPositives) {
        return new TrainSettings(input.toString(), "deepfm", 4, java.util.List.of(16, 16), "relu", 0.1, false, 0.01,
                64, 256, epochs, 0.01, 0.7, 1e-5, 42, 500, 2, "auc-logloss", patience, minDelta, checkpoints.toString(), false,
                true, input.resolve("truth").toString(), "reqId", "cpu", false, java.util.List.of(1e-4, 1e-3, 1e-2), evalEverySteps, minAucPositives);
    }
}

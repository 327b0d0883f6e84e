package io.windrow.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the generator's true probabilities ({@code <work>/raw/truth}: key, probability) to the
 * rows of the test split by key, streaming the truth table and keeping only the test keys, so the
 * Bayes-optimal AUC of exactly that split can be computed.
 */
final class TruthTable {
    private TruthTable() {}

    /** The true probability of every test row, or empty (with the reason logged by the caller) if any is missing. */
    static Optional<double[]> probabilities(String truthDir, String keyColumn, String[] keys, int rows,
            Configuration conf, StringBuilder note) {
        if (keys == null) {
            note.append("test split has no ").append(keyColumn).append(" column");
            return Optional.empty();
        }
        if (!HadoopFiles.exists(new Path(truthDir), conf)) {
            note.append("no truth table at ").append(truthDir);
            return Optional.empty();
        }
        Map<String, Integer> rowOfKey = new HashMap<>(rows * 2);
        for (int i = 0; i < rows; i++) {
            rowOfKey.put(keys[i], i);
        }
        double[] truth = new double[rows];
        Arrays.fill(truth, Double.NaN);
        List<Path> files = io.windrow.train.data.SplitReader.files(truthDir, conf);
        int matched = 0;
        for (Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
                for (Group group = reader.read(); group != null; group = reader.read()) {
                    int keyIndex = group.getType().getFieldIndex(keyColumn);
                    Integer row = rowOfKey.get(group.getValueToString(keyIndex, 0));
                    if (row != null && Double.isNaN(truth[row])) {
                        truth[row] = Double.parseDouble(group.getValueToString(group.getType().getFieldIndex("probability"), 0));
                        matched++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (RuntimeException e) {
                note.append("truth table ").append(file).append(" unreadable (").append(e.getMessage()).append(")");
                return Optional.empty();
            }
        }
        if (matched < rows) {
            note.append("truth table covers ").append(matched).append(" of ").append(rows).append(" test rows");
            return Optional.empty();
        }
        return Optional.of(truth);
    }
}

package io.windrow.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad preprocess outputs fail with one clear line naming the file, row, column or key. */
class BadInputTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message row { required int32 label; required int32 C0; required int64 C1; required int32 C2; required int32 C3; }");
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() throws Exception {
        PlantedData.write(dir.resolve("good"), 200, 100, 3);
    }

    private static Path copyOfGood(String name) throws IOException {
        Path target = dir.resolve(name);
        try (var paths = Files.walk(dir.resolve("good"))) {
            for (Path source : paths.toList()) {
                Path copy = target.resolve(dir.resolve("good").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else if (!source.getFileName().toString().endsWith(".crc")) {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    private static void replaceSplit(Path data, String split, int[][] rows) throws IOException {
        try (var files = Files.list(data.resolve(split))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> out = PlantedData.writer(data.resolve(split + "/part-0.parquet"), SCHEMA, new Configuration())) {
            for (int[] r : rows) {
                out.write(groups.newGroup().append("label", r[0]).append("C0", r[1]).append("C1", (long) r[2])
                        .append("C2", r[3]).append("C3", r[4]));
            }
        }
    }

    private static void train(Path data) {
        TrainSettings settings = PlantedData.settings(data, dir.resolve("ckpt-" + data.getFileName()), 1);
        new Trainer(settings, new Configuration()).train(new Trainer(settings, new Configuration()).spec(), settings.checkpointDir());
    }

    @Test
    void idOutsideItsFieldIsAnError() throws IOException {
        Path data = copyOfGood("bad-id");
        replaceSplit(data, "train", new int[][] {{1, 0, 12, 24, 36}, {0, 1, 13, 25, 48}});
        assertThatThrownBy(() -> train(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*bad-id/train/part-0.parquet row 2: column C3 holds id 48 outside the field's range "
                        + "\\[36, 48\\) of metadata.json \\(total 48\\)");
    }

    @Test
    void oneClassValidationSplitSaysAucIsUndefined() throws IOException {
        Path data = copyOfGood("one-class");
        replaceSplit(data, "val", new int[][] {{0, 0, 12, 24, 36}, {0, 1, 13, 25, 37}});
        assertThatThrownBy(() -> train(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("val split of .*one-class has only negative labels \\(2 rows\\): AUC is undefined");
    }

    @Test
    void missingOrInconsistentMetadataIsAnError() throws IOException {
        Path missing = copyOfGood("no-metadata");
        Files.delete(missing.resolve("metadata.json"));
        assertThatThrownBy(() -> train(missing))
                .hasMessageMatching("preprocess metadata .*no-metadata/metadata.json not found \\(run the preprocess stage first\\)");

        Path wrongTotal = copyOfGood("wrong-total");
        Files.writeString(wrongTotal.resolve("metadata.json"), Files.readString(wrongTotal.resolve("metadata.json"))
                .replace("\"total\": 48", "\"total\": 50"));
        assertThatThrownBy(() -> train(wrongTotal)).hasMessageEndingWith("fields cover 48 ids but 'total' is 50");

        Path missingColumn = copyOfGood("missing-column");
        Files.writeString(missingColumn.resolve("metadata.json"), Files.readString(missingColumn.resolve("metadata.json"))
                .replace("\"C3\"", "\"C9\""));
        assertThatThrownBy(() -> train(missingColumn))
                .hasMessageMatching("column C9 \\(from metadata.json\\) is missing in .*missing-column/train/part-\\d.parquet");
    }
}

package io.windrow.jobs.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.windrow.jobs.Stage;
import io.windrow.jobs.Stages;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.config.StageConfig;
import io.windrow.jobs.output.StageOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The nightly orchestrator's memory of which stages of one partition are done. After a stage
 * succeeds, {@code record} writes {@code ${windrow.work-dir}/_nightly/STAGE.json} with the SHA-256
 * of the stage's resolved config (rendered exactly as the launcher renders it into
 * {@code _config.conf}) and the output folders the stage committed (found by the stage their commit
 * marker names). {@code check} calls a stage complete only if that entry
 * exists, its hash equals the hash of the config that would be used now, and every recorded output
 * still has Windrow's commit marker and a {@code _config.conf} with that same hash. Reading through Hadoop's
 * FileSystem makes it work for hdfs:// and s3a:// work folders as well as local ones.
 *
 * <p>Command line (used by {@code scripts/nightly.sh}):
 * {@code NightlyLedger check|record STAGE [--config FILE]... [--set KEY=VALUE]...}. {@code check}
 * prints {@code complete ROWS} (exit 0) or {@code incomplete: REASON} (exit 1); {@code record}
 * prints {@code ROWS OUTPUTS}; ROWS is {@code -} when no output reports a row count.
 */
public final class NightlyLedger {
    static final String LEDGER_DIR = "_nightly";
    private static final int SCAN_DEPTH = 4;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Stage stage;
    private final String configHash;
    private final Path workDir;
    private final FileSystem fs;

    NightlyLedger(Stage stage, Config config, Configuration hadoop) throws IOException {
        this.stage = requireNonNull(stage, "stage");
        List<String> sections = new ArrayList<>(List.of("windrow"));
        sections.addAll(stage.configSections()); // the same sections StageMain renders into _config.conf
        this.configHash = sha256(StageConfig.render(config, sections));
        Path dir = new Path(config.getString("windrow.work-dir"));
        this.fs = dir.getFileSystem(hadoop);
        this.workDir = fs.makeQualified(dir);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length < 2 || !(args[0].equals("check") || args[0].equals("record"))) {
                throw new WindrowException("usage: NightlyLedger check|record STAGE [--config FILE]... [--set KEY=VALUE]...");
            }
            Stage stage = Stages.byName(args[1])
                    .orElseThrow(() -> new WindrowException("unknown stage '" + args[1] + "'"));
            List<java.nio.file.Path> files = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new WindrowException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--config" -> files.add(java.nio.file.Path.of(args[++i]));
                    case "--set" -> sets.add(args[++i]);
                    default -> throw new WindrowException("unknown option '" + args[i] + "'");
                }
            }
            NightlyLedger ledger = new NightlyLedger(stage, StageConfig.load(files, sets), new Configuration());
            if (args[0].equals("check")) {
                String reason = ledger.incompleteReason();
                if (reason != null) {
                    out.println("incomplete: " + reason);
                    return 1;
                }
                out.println("complete " + ledger.recordedRows());
                return 0;
            }
            List<Path> outputs = ledger.record();
            out.println(ledger.recordedRows() + " " + outputs.size());
            return 0;
        } catch (WindrowException | IllegalArgumentException e) {
            err.println("nightly-ledger: error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("nightly-ledger: error: " + e);
            return 2;
        }
    }

    Path entryPath() {
        return new Path(new Path(workDir, LEDGER_DIR), stage.name() + ".json");
    }

    /** Why the stage must run, or null when its recorded outputs match the current config. */
    String incompleteReason() throws IOException {
        Path entry = entryPath();
        if (!fs.exists(entry)) {
            return "no record of a successful run in " + entry;
        }
        JsonNode node = readJson(entry);
        if (!configHash.equals(node.path("config_sha256").asText())) {
            return "config changed since the last successful run";
        }
        for (JsonNode output : node.path("outputs")) {
            Path path = new Path(output.asText());
            if (StageOutput.completedStage(fs, path).isEmpty()) {
                return "output " + path + " is not a complete output (no " + StageOutput.MARKER + ")";
            }
            if (!configHash.equals(hashOf(new Path(path, StageOutput.CONFIG)))) {
                return "output " + path + " was written with another config";
            }
        }
        return null;
    }

    /** Finds the stage's committed outputs under the work folder and writes the ledger entry. */
    List<Path> record() throws IOException {
        List<Path> outputs = new ArrayList<>();
        long rows = -1;
        if (fs.exists(workDir)) {
            for (Path output : findOutputs(workDir, 0)) {
                outputs.add(output);
                long outputRows = rowsOf(readJson(new Path(output, StageOutput.METRICS)));
                if (outputRows >= 0) {
                    rows = Math.max(rows, 0) + outputRows;
                }
            }
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("stage", stage.name());
        node.put("config_sha256", configHash);
        node.put("recorded_at", Instant.now().toString());
        if (rows >= 0) {
            node.put("rows", rows);
        }
        ArrayNode list = node.putArray("outputs");
        outputs.forEach(path -> list.add(path.toString()));
        // Write beside, then rename: a reader sees the old entry or the new one, never half of one.
        Path entry = entryPath();
        Path temporary = new Path(entry.getParent(), "." + entry.getName() + ".tmp");
        fs.mkdirs(entry.getParent());
        try (FSDataOutputStream stream = fs.create(temporary, true)) {
            stream.write(JSON.writeValueAsBytes(node));
        }
        fs.delete(entry, false);
        if (!fs.rename(temporary, entry)) {
            throw new IOException("cannot rename " + temporary + " to " + entry);
        }
        return outputs;
    }

    /** The row count recorded for the stage, or "-" when none of its outputs reports one. */
    String recordedRows() throws IOException {
        Path entry = entryPath();
        if (!fs.exists(entry)) {
            return "-";
        }
        JsonNode rows = readJson(entry).get("rows");
        return rows == null ? "-" : rows.asText();
    }

    private List<Path> findOutputs(Path dir, int depth) throws IOException {
        List<Path> found = new ArrayList<>();
        java.util.Optional<String> writtenBy = StageOutput.completedStage(fs, dir);
        if (writtenBy.isPresent()) {
            if (stage.name().equals(writtenBy.get()) && configHash.equals(hashOf(new Path(dir, StageOutput.CONFIG)))) {
                found.add(dir);
            }
            return found; // an output's own subfolders are its data, not other outputs
        }
        if (depth >= SCAN_DEPTH) {
            return found;
        }
        for (FileStatus child : fs.listStatus(dir)) {
            String name = child.getPath().getName();
            if (child.isDirectory() && !name.startsWith(".") && !name.startsWith("_")) {
                found.addAll(findOutputs(child.getPath(), depth + 1));
            }
        }
        return found;
    }

    /** The metric "rows" or "rows_out", else the sum of the other row counts; -1 if there is none. */
    static long rowsOf(JsonNode metrics) {
        for (String name : List.of("rows", "rows_out")) {
            JsonNode rows = metrics.get(name);
            if (rows != null && rows.canConvertToLong()) {
                return rows.asLong();
            }
        }
        long sum = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if ((name.endsWith("rows") || name.startsWith("rows_")) && field.getValue().canConvertToLong()) {
                sum = Math.max(sum, 0) + field.getValue().asLong();
            }
        }
        return sum;
    }

    private String hashOf(Path file) throws IOException {
        if (!fs.exists(file)) {
            return "";
        }
        try (FSDataInputStream in = fs.open(file)) {
            return sha256(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private JsonNode readJson(Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return JSON.readTree(in);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

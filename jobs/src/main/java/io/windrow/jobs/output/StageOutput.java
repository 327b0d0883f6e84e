package io.windrow.jobs.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.windrow.jobs.InputDataException;
import io.windrow.jobs.WindrowException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A stage's output folder, written atomically: the stage writes under a hidden temporary folder
 * beside the final one, {@link #commit} adds {@code _metrics.json} and the resolved config, writes
 * the commit marker {@code _WINDROW_SUCCESS} (naming the stage) last and renames the folder into
 * place. A failed stage leaves only the hidden temporary folder (cleaned by {@link #abort}, or by
 * the next write of the same output if the process was killed), never something a later stage
 * would read. Works on any Hadoop file system (local, hdfs://, s3a://).
 *
 * <p>The marker is Windrow's own because Spark writes {@code _SUCCESS} into every folder it writes
 * parquet to, long before the stage has finished; {@code _SUCCESS} is still written for tools
 * outside Windrow, but no Windrow reader trusts it.
 *
 * <p>An existing output is replaced only with {@code overwrite}, and only when it is a complete
 * output of the same stage: anything else (a user's folder, another stage's output, a file) is
 * refused with a message naming what it holds, because the replace deletes it. The old output is
 * moved aside first and deleted after the new one is in place.
 */
public final class StageOutput {
    /** Windrow's commit marker: present only in a complete output; JSON naming the stage. */
    public static final String MARKER = "_WINDROW_SUCCESS";
    /** Hadoop's conventional marker, written for outside tools; Windrow itself reads {@link #MARKER}. */
    public static final String SUCCESS = "_SUCCESS";
    public static final String METRICS = "_metrics.json";
    public static final String CONFIG = "_config.conf";
    /** Prefix of a staging folder: hidden from Spark and Hadoop readers (leading dot). */
    static final String STAGING_PREFIX = "._tmp_";
    static final String OLD_PREFIX = "._old_";
    /** Who writes a staging folder (host and pid), so a later run can tell a dead writer's leftovers. */
    static final String WRITER = "_WINDROW_WRITER";
    private static final Logger LOG = LoggerFactory.getLogger(StageOutput.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final String stage;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private boolean committed;

    private StageOutput(FileSystem fs, Path target, String stage) {
        this.fs = fs;
        this.target = target;
        this.stage = stage;
        this.staging = new Path(target.getParent(), STAGING_PREFIX + target.getName() + "_" + UUID.randomUUID());
    }

    /**
     * Prepares an output of {@code stage} at {@code location}; fails unless it may be written (see
     * {@link #checkWritable}). Staging folders a killed writer of the same output left behind are
     * removed first.
     */
    public static StageOutput create(String location, String stage, boolean overwrite, Configuration hadoop) {
        requireNonNull(location, "location");
        requireNonNull(stage, "stage");
        try {
            Path target = new Path(location);
            FileSystem fs = target.getFileSystem(hadoop);
            target = fs.makeQualified(target);
            recoverInterruptedSwap(fs, target);
            checkWritable(fs, target, location, stage, overwrite);
            removeStaleStaging(fs, target);
            StageOutput output = new StageOutput(fs, target, stage);
            fs.mkdirs(output.staging);
            output.writeString(new Path(output.staging, WRITER), writerId());
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output " + location, e);
        }
    }

    /**
     * Fails unless {@code location} may receive an output of {@code stage}: it does not exist, or
     * it is a complete output of that stage and {@code overwrite} is on (an empty folder counts as
     * nothing to lose). Cheap (no Spark), so stages check their outputs at start.
     */
    public static void checkWritable(String location, String stage, boolean overwrite, Configuration hadoop) {
        try {
            Path target = new Path(location);
            FileSystem fs = target.getFileSystem(hadoop);
            checkWritable(fs, fs.makeQualified(target), location, stage, overwrite);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check output " + location, e);
        }
    }

    private static void checkWritable(FileSystem fs, Path target, String location, String stage, boolean overwrite)
            throws IOException {
        if (!fs.exists(target)) {
            return;
        }
        FileStatus status = fs.getFileStatus(target);
        if (status.isDirectory() && fs.listStatus(target).length == 0) {
            return;
        }
        Optional<String> writtenBy = status.isDirectory() ? completedStage(fs, target) : Optional.empty();
        if (writtenBy.isPresent() && writtenBy.get().equals(stage)) {
            if (overwrite) {
                return;
            }
            throw new WindrowException("output " + location
                    + " already exists; pass --set windrow.overwrite=true to replace it");
        }
        String what = !status.isDirectory() ? "is a file, not a Windrow output"
                : writtenBy.isPresent() ? "is the output of the " + writtenBy.get() + " stage, not of " + stage
                : "is not a Windrow output (no " + MARKER + "; it holds " + listing(fs, target) + ")";
        throw new WindrowException("output " + location + " " + what
                + "; refusing to " + (overwrite ? "replace" : "write") + " it even with windrow.overwrite:"
                + " point the output elsewhere or remove it yourself");
    }

    private static String listing(FileSystem fs, Path dir) throws IOException {
        FileStatus[] children = fs.listStatus(dir);
        String names = Arrays.stream(children).limit(5)
                .map(child -> child.getPath().getName() + (child.isDirectory() ? "/" : ""))
                .collect(Collectors.joining(", "));
        return children.length + " entr" + (children.length == 1 ? "y" : "ies") + ": " + names
                + (children.length > 5 ? ", ..." : "");
    }

    /**
     * A kill between the two renames of {@link #commit} leaves the previous output under
     * {@code ._old_NAME_*} and no target: put it back, so the old output is not lost.
     */
    private static void recoverInterruptedSwap(FileSystem fs, Path target) throws IOException {
        if (fs.exists(target) || !fs.exists(target.getParent())) {
            return;
        }
        for (FileStatus old : fs.listStatus(target.getParent())) {
            if (old.getPath().getName().startsWith(OLD_PREFIX + target.getName() + "_")
                    && completedStage(fs, old.getPath()).isPresent()) {
                LOG.warn("restoring {}: a run was killed while replacing it", target);
                if (!fs.rename(old.getPath(), target)) {
                    throw new IOException("cannot restore " + old.getPath() + " to " + target);
                }
                return;
            }
        }
    }

    /**
     * Removes the staging folders of this output whose writer is dead: written on this host by a
     * process that no longer runs (or without a writer file, i.e. killed at once). Those of live
     * or foreign-host writers are only reported: a concurrent run may still be writing them.
     */
    private static void removeStaleStaging(FileSystem fs, Path target) throws IOException {
        if (!fs.exists(target.getParent())) {
            return;
        }
        String name = target.getName();
        for (FileStatus child : fs.listStatus(target.getParent())) {
            String childName = child.getPath().getName();
            boolean staging = childName.startsWith(STAGING_PREFIX + name + "_")
                    && childName.length() == (STAGING_PREFIX + name + "_").length() + 36;
            boolean old = childName.startsWith(OLD_PREFIX + name + "_") && fs.exists(target)
                    && childName.length() == (OLD_PREFIX + name + "_").length() + 36;
            if (!staging && !old) {
                continue;
            }
            if (old || writerIsGone(fs, child.getPath())) {
                LOG.warn("removing {} left by an interrupted run", child.getPath());
                fs.delete(child.getPath(), true);
            } else {
                LOG.warn("{} is being written by another run ({}); leaving it", child.getPath(),
                        readString(fs, new Path(child.getPath(), WRITER)));
            }
        }
    }

    private static boolean writerIsGone(FileSystem fs, Path staging) throws IOException {
        Path writer = new Path(staging, WRITER);
        if (!fs.exists(writer)) {
            return true;
        }
        String[] parts = readString(fs, writer).trim().split(" ");
        if (parts.length != 2 || !parts[0].equals(hostName())) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            return pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String writerId() {
        return hostName() + " " + ProcessHandle.current().pid();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Where the stage writes its files, as a URI string Spark and Hadoop accept. */
    public String stagingPath() {
        return staging.toString();
    }

    /** A path under the staging folder. */
    public String stagingPath(String child) {
        return new Path(staging, child).toString();
    }

    /** The final location. */
    public String path() {
        return target.toString();
    }

    /** Records a figure for {@code _metrics.json}. */
    public StageOutput metric(String name, Object value) {
        metrics.put(requireNonNull(name, "name"), value);
        return this;
    }

    public Map<String, Object> metrics() {
        return metrics;
    }

    /** Writes metrics, config and the markers, then renames the staging folder into place. */
    public void commit(String resolvedConfig) {
        try {
            fs.delete(new Path(staging, WRITER), false);
            writeString(new Path(staging, METRICS), JSON.writeValueAsString(metrics));
            writeString(new Path(staging, CONFIG), resolvedConfig);
            writeString(new Path(staging, SUCCESS), "");
            writeString(new Path(staging, MARKER), JSON.writeValueAsString(Map.of("stage", stage)));
            Path previous = null;
            if (fs.exists(target)) {
                previous = new Path(target.getParent(), OLD_PREFIX + target.getName() + "_" + UUID.randomUUID());
                rename(target, previous);
            }
            rename(staging, target);
            if (previous != null) {
                fs.delete(previous, true);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit output " + target, e);
        }
    }

    /** Removes the staging folder of a failed stage; the previous output, if any, is untouched. */
    public void abort() {
        if (committed) {
            return;
        }
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            // Leaving a hidden temporary folder behind is harmless: nothing reads it, and the next
            // write of this output removes it.
        }
    }

    /**
     * The stage that wrote the complete output at {@code dir}, if it is one: the stage named by
     * its {@link #MARKER}, or, for outputs committed before the marker existed, the {@code stage}
     * of its {@code _metrics.json} next to a {@code _SUCCESS}.
     */
    public static Optional<String> completedStage(FileSystem fs, Path dir) throws IOException {
        Path marker = new Path(dir, MARKER);
        if (fs.exists(marker)) {
            return Optional.of(stageIn(readString(fs, marker), marker));
        }
        Path metrics = new Path(dir, METRICS);
        if (fs.exists(new Path(dir, SUCCESS)) && fs.exists(metrics)) {
            String stage = stageIn(readString(fs, metrics), metrics);
            return stage.isEmpty() ? Optional.empty() : Optional.of(stage);
        }
        return Optional.empty();
    }

    private static String stageIn(String json, Path file) {
        try {
            return JSON.readTree(json).path("stage").asText("");
        } catch (IOException e) {
            LOG.warn("{} is not valid JSON", file);
            return "";
        }
    }

    /** Whether a complete output (of any stage) exists at {@code location}. */
    public static boolean isComplete(String location, Configuration hadoop) {
        try {
            Path path = new Path(location);
            return completedStage(path.getFileSystem(hadoop), path).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with a clear message unless a complete output of an earlier stage is at {@code location}. */
    public static void requireComplete(String location, String what, Configuration hadoop) {
        if (!isComplete(location, hadoop)) {
            throw new InputDataException(what + " not found at " + location
                    + " (no " + MARKER + "; run the stage that writes it first)");
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    private void writeString(Path path, String text) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String readString(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

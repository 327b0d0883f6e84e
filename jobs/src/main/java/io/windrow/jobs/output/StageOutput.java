package io.windrow.jobs.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.windrow.jobs.WindrowException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A stage's output folder, written atomically: the stage writes under a hidden temporary folder
 * beside the final one, {@link #commit} adds {@code _metrics.json} and the resolved config, writes
 * {@code _SUCCESS} last and renames the folder into place. A failed stage leaves only the hidden
 * temporary folder (cleaned by {@link #abort}), never something a later stage would read. Works on
 * any Hadoop file system (local, hdfs://, s3a://).
 *
 * <p>An existing complete output is replaced only with {@code overwrite}; the old one is moved
 * aside first and deleted after the new one is in place.
 */
public final class StageOutput {
    public static final String SUCCESS = "_SUCCESS";
    public static final String METRICS = "_metrics.json";
    public static final String CONFIG = "_config.conf";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private boolean committed;

    private StageOutput(FileSystem fs, Path target) {
        this.fs = fs;
        this.target = target;
        this.staging = new Path(target.getParent(), "._tmp_" + target.getName() + "_" + UUID.randomUUID());
    }

    /** Prepares an output at {@code location}; fails if a complete one exists and overwrite is off. */
    public static StageOutput create(String location, boolean overwrite, Configuration hadoop) {
        requireNonNull(location, "location");
        try {
            Path target = new Path(location);
            FileSystem fs = target.getFileSystem(hadoop);
            target = fs.makeQualified(target);
            if (fs.exists(target) && !overwrite) {
                throw new WindrowException("output " + location
                        + " already exists; pass --set windrow.overwrite=true to replace it");
            }
            StageOutput output = new StageOutput(fs, target);
            fs.mkdirs(output.staging);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output " + location, e);
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

    /** Writes metrics, config and {@code _SUCCESS}, then renames the staging folder into place. */
    public void commit(String resolvedConfig) {
        try {
            writeString(new Path(staging, METRICS), JSON.writeValueAsString(metrics));
            writeString(new Path(staging, CONFIG), resolvedConfig);
            writeString(new Path(staging, SUCCESS), "");
            Path previous = null;
            if (fs.exists(target)) {
                previous = new Path(target.getParent(), "._old_" + target.getName() + "_" + UUID.randomUUID());
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
            // Leaving a hidden temporary folder behind is harmless: nothing reads it.
        }
    }

    /** Whether a complete output exists at {@code location}. */
    public static boolean isComplete(String location, Configuration hadoop) {
        try {
            Path path = new Path(location);
            return path.getFileSystem(hadoop).exists(new Path(path, SUCCESS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with a clear message unless a complete output of an earlier stage is at {@code location}. */
    public static void requireComplete(String location, String what, Configuration hadoop) {
        if (!isComplete(location, hadoop)) {
            throw new WindrowException(what + " not found at " + location
                    + " (no " + SUCCESS + "; run the stage that writes it first)");
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
}

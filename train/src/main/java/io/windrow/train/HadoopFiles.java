package io.windrow.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Small file operations on any Hadoop file system: write a file, read it, and replace a folder
 * as a whole (write a sibling temporary folder, then swap it in) so a checkpoint is never half written.
 */
final class HadoopFiles {
    private HadoopFiles() {}

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    static void write(Path path, Configuration conf, Writer writer) {
        try (FSDataOutputStream out = path.getFileSystem(conf).create(path, true)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    static void writeString(Path path, Configuration conf, String text) {
        write(path, conf, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static <T> T read(Path path, Configuration conf, Reader<T> reader) {
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static boolean exists(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Repairs what a process killed inside {@link #replaceFolder} left behind: a missing
     * {@code folder} whose previous version was already moved aside is moved back, and unfinished
     * temporary folders are deleted.
     */
    static void recoverFolder(Path folder, Configuration conf) {
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (!fs.exists(folder.getParent())) {
                return;
            }
            String movedAside = siblingPrefix(folder, "old");
            String unfinished = siblingPrefix(folder, "tmp");
            boolean present = fs.exists(folder);
            for (FileStatus sibling : fs.listStatus(folder.getParent())) {
                String name = sibling.getPath().getName();
                if (name.startsWith(movedAside) && !present) {
                    if (!fs.rename(sibling.getPath(), folder)) {
                        throw new IOException("cannot move " + sibling.getPath() + " back to " + folder);
                    }
                    present = true;
                } else if (name.startsWith(movedAside) || name.startsWith(unfinished)) {
                    fs.delete(sibling.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover " + folder, e);
        }
    }

    /**
     * Fills a fresh temporary folder with {@code contents}, then swaps it in as {@code folder}. A
     * kill leaves either the old or the new folder in place, or the old one moved aside, which
     * {@link #recoverFolder} moves back.
     */
    static void replaceFolder(Path folder, Configuration conf, java.util.function.Consumer<Path> contents) {
        try {
            FileSystem fs = folder.getFileSystem(conf);
            Path temporary = new Path(folder.getParent(), siblingPrefix(folder, "tmp") + UUID.randomUUID());
            fs.mkdirs(temporary);
            contents.accept(temporary);
            Path old = new Path(folder.getParent(), siblingPrefix(folder, "old") + UUID.randomUUID());
            if (fs.exists(folder) && !fs.rename(folder, old)) {
                throw new IOException("cannot move " + folder + " aside");
            }
            if (!fs.rename(temporary, folder)) {
                throw new IOException("cannot rename " + temporary + " to " + folder);
            }
            fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder, e);
        }
    }

    /** The name prefix of {@code folder}'s hidden siblings of one kind: tmp (being filled) or old (moved aside). */
    private static String siblingPrefix(Path folder, String kind) {
        return "." + folder.getName() + "." + kind + "-";
    }
}

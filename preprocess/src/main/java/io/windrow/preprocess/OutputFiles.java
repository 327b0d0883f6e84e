package io.windrow.preprocess;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Small text files (metadata, fitted state, data_info.txt) read and written through Hadoop's
 * FileSystem, so outputs on HDFS or S3 work like local ones.
 */
public final class OutputFiles {
    private OutputFiles() {}

    public static void writeString(String location, String text, Configuration hadoop) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try (FSDataOutputStream out = fs.create(path, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
    }

    public static String readString(String location, Configuration hadoop) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new IllegalArgumentException("file not found: " + location);
            }
            try (FSDataInputStream in = fs.open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}

package io.windrow.sql.ddl;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The date partitions of a Hive-style partitioned folder: {@code root/COLUMN=VALUE/} subfolders
 * whose value is a date in {@code format} ({@code dt=2026-01-31} by default), sorted by date.
 * Folders whose name starts with {@code _} or {@code .} (Spark's markers) are skipped; any other
 * folder that is not {@code COLUMN=DATE} is an error naming it, since a misnamed partition would
 * otherwise be dropped from every run without a word.
 */
public record DatePartitions(String table, String root, String column, String format, List<Partition> partitions) {
    /** One partition folder and its date. */
    public record Partition(LocalDate date, String path) {
        public Partition {
            requireNonNull(date, "date");
            requireNonNull(path, "path");
        }
    }

    public DatePartitions {
        requireNonNull(table, "table");
        requireNonNull(root, "root");
        requireNonNull(column, "column");
        requireNonNull(format, "format");
        partitions = List.copyOf(partitions);
    }

    /** Lists the partitions under {@code root}; an unreadable root is a {@link TableInputException}. */
    public static DatePartitions list(Configuration hadoop, String table, String root, String column, String format) {
        requireNonNull(hadoop, "hadoop");
        DateTimeFormatter parser;
        try {
            parser = DateTimeFormatter.ofPattern(format);
        } catch (IllegalArgumentException e) {
            throw new TableInputException(table, root, "partition date format '" + format + "' is not a date pattern: "
                    + e.getMessage());
        }
        List<Partition> found = new ArrayList<>();
        try {
            Path path = new Path(root);
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new TableInputException(table, root, "path does not exist");
            }
            for (FileStatus status : fs.listStatus(path)) {
                String name = status.getPath().getName();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                String prefix = column + "=";
                if (!status.isDirectory() || !name.startsWith(prefix)) {
                    throw new TableInputException(table, root, "'" + name + "' is not a " + column + "=" + format
                            + " partition folder");
                }
                try {
                    found.add(new Partition(LocalDate.parse(name.substring(prefix.length()), parser),
                            status.getPath().toString()));
                } catch (DateTimeParseException e) {
                    throw new TableInputException(table, status.getPath().toString(), "partition value '"
                            + name.substring(prefix.length()) + "' is not a date in the format " + format);
                }
            }
        } catch (IOException e) {
            throw new TableInputException(table, root, "cannot list partitions: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Partition::date));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).date().equals(found.get(i - 1).date())) {
                throw new TableInputException(table, root, "two partition folders for " + found.get(i).date() + ": "
                        + found.get(i - 1).path() + " and " + found.get(i).path());
            }
        }
        return new DatePartitions(table, root, column, format, found);
    }

    /** The partitions dated in [{@code from}, {@code until}); null bounds are open. */
    public List<Partition> between(LocalDate from, LocalDate until) {
        return partitions.stream().filter(p -> (from == null || !p.date().isBefore(from))
                && (until == null || p.date().isBefore(until))).toList();
    }

    /** The partition of {@code date}, if there is one. */
    public java.util.Optional<Partition> of(LocalDate date) {
        return partitions.stream().filter(p -> p.date().equals(date)).findFirst();
    }
}

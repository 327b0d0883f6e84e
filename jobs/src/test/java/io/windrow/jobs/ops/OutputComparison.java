package io.windrow.jobs.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares the stage outputs under two work folders with an engine independent of Spark: every
 * complete output (a folder with {@code _WINDROW_SUCCESS}) must exist in both, every folder of parquet files
 * must hold the same multiset of rows (DuckDB {@code EXCEPT ALL} both ways), and other data files
 * must be equal once each work folder's own path is masked. Bookkeeping files ({@code _*}, hidden
 * files, checksums) are not data and are skipped.
 */
final class OutputComparison {
    private OutputComparison() {}

    /** The differences found; empty when the two work folders hold the same outputs. */
    static List<String> differences(Path expected, Path actual) throws IOException, SQLException {
        List<String> differences = new ArrayList<>();
        TreeSet<String> expectedOutputs = completeOutputs(expected);
        TreeSet<String> actualOutputs = completeOutputs(actual);
        if (!expectedOutputs.equals(actualOutputs)) {
            differences.add("complete outputs differ: " + expectedOutputs + " vs " + actualOutputs);
        }
        if (expectedOutputs.isEmpty()) {
            differences.add("no complete output under " + expected);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String output : expectedOutputs) {
                if (actualOutputs.contains(output)) {
                    compareOutput(duckdb, expected, actual, output, differences);
                }
            }
        }
        return differences;
    }

    /** Relative paths of folders with _WINDROW_SUCCESS (not descending into them or into hidden/_ folders). */
    static TreeSet<String> completeOutputs(Path workDir) throws IOException {
        TreeSet<String> outputs = new TreeSet<>();
        if (!Files.isDirectory(workDir)) {
            return outputs;
        }
        try (Stream<Path> walk = Files.walk(workDir, 5)) {
            walk.filter(path -> path.getFileName().toString().equals("_WINDROW_SUCCESS"))
                    .map(Path::getParent)
                    .filter(dir -> !hasHiddenPart(workDir.relativize(dir)))
                    .forEach(dir -> outputs.add(workDir.relativize(dir).toString()));
        }
        return outputs;
    }

    private static boolean hasHiddenPart(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static void compareOutput(Connection duckdb, Path expectedRoot, Path actualRoot, String output,
            List<String> differences) throws IOException, SQLException {
        Path expected = expectedRoot.resolve(output);
        Path actual = actualRoot.resolve(output);
        TreeSet<String> expectedFolders = parquetFolders(expected);
        TreeSet<String> actualFolders = parquetFolders(actual);
        if (!expectedFolders.equals(actualFolders)) {
            differences.add(output + ": parquet folders differ: " + expectedFolders + " vs " + actualFolders);
        }
        for (String folder : expectedFolders) {
            if (actualFolders.contains(folder)) {
                compareParquet(duckdb, expected.resolve(folder), actual.resolve(folder), output + "/" + folder, differences);
            }
        }
        TreeMap<String, String> expectedFiles = otherDataFiles(expected);
        TreeMap<String, String> actualFiles = otherDataFiles(actual);
        if (!expectedFiles.keySet().equals(actualFiles.keySet())) {
            differences.add(output + ": data files differ: " + expectedFiles.keySet() + " vs " + actualFiles.keySet());
        }
        for (Map.Entry<String, String> file : expectedFiles.entrySet()) {
            if (actualFiles.containsKey(file.getKey())) {
                String left = comparable(expected.resolve(file.getValue()), expectedRoot);
                String right = comparable(actual.resolve(actualFiles.get(file.getKey())), actualRoot);
                if (!left.equals(right)) {
                    differences.add(output + "/" + file.getKey() + ": contents differ");
                }
            }
        }
    }

    private static void compareParquet(Connection duckdb, Path expected, Path actual, String what,
            List<String> differences) throws SQLException {
        String left = parquet(expected);
        String right = parquet(actual);
        try (Statement statement = duckdb.createStatement()) {
            long leftRows = single(statement, "SELECT count(*) FROM " + left);
            long rightRows = single(statement, "SELECT count(*) FROM " + right);
            long missing = single(statement, "SELECT count(*) FROM (SELECT * FROM " + left + " EXCEPT ALL SELECT * FROM " + right + ")");
            long extra = single(statement, "SELECT count(*) FROM (SELECT * FROM " + right + " EXCEPT ALL SELECT * FROM " + left + ")");
            if (leftRows != rightRows || missing != 0 || extra != 0) {
                differences.add(what + ": " + leftRows + " vs " + rightRows + " rows, " + missing + " missing, " + extra + " extra");
            }
        } catch (SQLException e) {
            differences.add(what + ": cannot compare (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * DuckDB would otherwise add a column for every {@code key=value} folder in the path (the
     * nightly layout's {@code dt=...}), so the same output under two work folders, one of them
     * dated, would not even have the same columns.
     */
    private static String parquet(Path folder) {
        return "read_parquet('" + folder.toString().replace("'", "''") + "/*.parquet', hive_partitioning = false)";
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Folders (relative, "." for the output itself) that directly hold parquet files. */
    private static TreeSet<String> parquetFolders(Path output) throws IOException {
        TreeSet<String> folders = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(output)) {
            walk.filter(path -> path.getFileName().toString().endsWith(".parquet"))
                    .filter(path -> !hasHiddenPart(output.relativize(path.getParent()).normalize()))
                    .forEach(path -> folders.add(relativeFolder(output, path.getParent())));
        }
        return folders;
    }

    private static String relativeFolder(Path output, Path folder) {
        String relative = output.relativize(folder).toString();
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * Files that are neither parquet parts nor bookkeeping, by name relative to the output with the
     * random job id of a Spark part file left out ({@code part-00000-<uuid>-c000.txt} is
     * {@code part-00000.txt}), to their actual relative names.
     */
    private static TreeMap<String, String> otherDataFiles(Path output) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(output)) {
            walk.filter(Files::isRegularFile)
                    .map(output::relativize)
                    .filter(relative -> !hasHiddenPart(relative))
                    .map(Path::toString)
                    .filter(name -> !name.endsWith(".parquet") && !name.endsWith(".crc"))
                    .forEach(name -> files.put(SPARK_PART.matcher(name).replaceAll("$1"), name));
        }
        return files;
    }

    /**
     * A file's text with its work folder masked, and the save time MLlib writes into each stage's
     * metadata ({@code "timestamp":<millis>}) left out: the only part of a saved pipeline that
     * differs between equal runs.
     */
    private static String comparable(Path file, Path root) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace(root.toString(), "<work>");
        return MLLIB_TIMESTAMP.matcher(text).replaceAll("\"timestamp\":<time>");
    }

    private static final Pattern SPARK_PART = Pattern.compile("(part-\\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-c\\d+)?");
    private static final Pattern MLLIB_TIMESTAMP = Pattern.compile("\"timestamp\":\\d+");
}

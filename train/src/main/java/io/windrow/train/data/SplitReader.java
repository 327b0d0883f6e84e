package io.windrow.train.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Streams the rows of one preprocessed split (a folder of parquet files) with parquet-hadoop,
 * without Spark, reading only the label, field and optional key columns. Every id is checked
 * against its field's range from the metadata; errors name the file, row and column.
 */
public final class SplitReader implements Closeable {
    private final TrainMetadata metadata;
    private final List<Path> files;
    private final Configuration conf;
    private final String keyColumn;
    private int fileIndex = -1;
    private ParquetReader<Group> reader;
    private Columns columns;
    private long row;

    public SplitReader(TrainMetadata metadata, List<Path> files, Configuration conf, String keyColumn) {
        this.metadata = requireNonNull(metadata, "metadata");
        this.files = List.copyOf(files);
        this.conf = requireNonNull(conf, "conf");
        this.keyColumn = keyColumn;
    }

    /** The parquet files of a split folder in name order; fails if there are none. */
    public static List<Path> files(String splitDir, Configuration conf) {
        Path dir = new Path(splitDir);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                throw new IllegalArgumentException("split folder " + dir + " not found");
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                    files.add(status.getPath());
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("split folder " + dir + " holds no .parquet files");
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Whether the split's files have a column of that name. */
    public static boolean hasColumn(List<Path> files, String column, Configuration conf) {
        try (ParquetFileReader file = ParquetFileReader.open(HadoopInputFile.fromPath(files.get(0), conf))) {
            return file.getFooter().getFileMetaData().getSchema().containsField(column);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.get(0), e);
        }
    }

    /**
     * Reads the next row into {@code ids[offset .. offset + fields)}, {@code labels[labelIndex]} and
     * (with a key column) {@code keys[labelIndex]}; false at the end of the split.
     */
    public boolean next(int[] ids, int offset, float[] labels, int labelIndex, String[] keys) throws IOException {
        Group group = reader == null ? null : reader.read();
        while (group == null) {
            if (!openNextFile()) {
                return false;
            }
            group = reader.read();
        }
        row++;
        labels[labelIndex] = label(group);
        List<TrainMetadata.Field> fields = metadata.fields();
        for (int f = 0; f < fields.size(); f++) {
            TrainMetadata.Field field = fields.get(f);
            int index = columns.fields[f];
            if (group.getFieldRepetitionCount(index) == 0) {
                throw error(field.name(), "is null");
            }
            long id = columns.fieldIsLong[f] ? group.getLong(index, 0) : group.getInteger(index, 0);
            if (!field.contains(id)) {
                throw error(field.name(), "holds id " + id + " outside the field's range [" + field.offset() + ", "
                        + ((long) field.offset() + field.cardinality()) + ") of " + TrainMetadata.FILE
                        + " (total " + metadata.total() + ")");
            }
            ids[offset + f] = (int) id;
        }
        if (keys != null && columns.key >= 0) {
            keys[labelIndex] = group.getFieldRepetitionCount(columns.key) == 0 ? null
                    : group.getValueToString(columns.key, 0);
        }
        return true;
    }

    private float label(Group group) {
        int index = columns.label;
        if (group.getFieldRepetitionCount(index) == 0) {
            throw error(metadata.label(), "is null");
        }
        double value = switch (columns.labelType) {
            case INT32 -> group.getInteger(index, 0);
            case INT64 -> group.getLong(index, 0);
            case FLOAT -> group.getFloat(index, 0);
            case DOUBLE -> group.getDouble(index, 0);
            case BOOLEAN -> group.getBoolean(index, 0) ? 1 : 0;
            default -> throw error(metadata.label(), "has unsupported type " + columns.labelType);
        };
        if (value != 0 && value != 1) {
            throw error(metadata.label(), "holds label " + value + " (expected 0 or 1)");
        }
        return (float) value;
    }

    private boolean openNextFile() throws IOException {
        close();
        fileIndex++;
        if (fileIndex >= files.size()) {
            return false;
        }
        Path file = files.get(fileIndex);
        MessageType schema;
        try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            schema = footer.getFooter().getFileMetaData().getSchema();
        }
        List<Type> projected = new ArrayList<>();
        projected.add(column(schema, file, metadata.label()));
        for (TrainMetadata.Field field : metadata.fields()) {
            projected.add(column(schema, file, field.name()));
        }
        boolean withKey = keyColumn != null && schema.containsField(keyColumn);
        if (withKey) {
            projected.add(schema.getType(keyColumn));
        }
        MessageType projection = new MessageType(schema.getName(), projected.stream().distinct().toList());
        columns = new Columns(projection, metadata, withKey ? keyColumn : null, file);
        Configuration readConf = new Configuration(conf);
        readConf.set(ReadSupport.PARQUET_READ_SCHEMA, projection.toString());
        reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(readConf).build();
        row = 0;
        return true;
    }

    private static Type column(MessageType schema, Path file, String name) {
        if (!schema.containsField(name)) {
            throw new IllegalArgumentException("column " + name + " (from " + TrainMetadata.FILE + ") is missing in " + file);
        }
        Type type = schema.getType(name);
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalArgumentException("column " + name + " of " + file + " is not a plain number column");
        }
        return type;
    }

    private IllegalArgumentException error(String column, String problem) {
        return new IllegalArgumentException(files.get(fileIndex) + " row " + row + ": column " + column + " " + problem);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** Positions of the wanted columns in the projected rows, and how to read them. */
    private static final class Columns {
        final int label;
        final PrimitiveType.PrimitiveTypeName labelType;
        final int[] fields;
        final boolean[] fieldIsLong;
        final int key;

        Columns(MessageType projection, TrainMetadata metadata, String keyColumn, Path file) {
            label = projection.getFieldIndex(metadata.label());
            labelType = projection.getType(label).asPrimitiveType().getPrimitiveTypeName();
            int n = metadata.fields().size();
            fields = new int[n];
            fieldIsLong = new boolean[n];
            for (int f = 0; f < n; f++) {
                String name = metadata.fields().get(f).name();
                fields[f] = projection.getFieldIndex(name);
                PrimitiveType.PrimitiveTypeName type = projection.getType(fields[f]).asPrimitiveType().getPrimitiveTypeName();
                if (type != PrimitiveType.PrimitiveTypeName.INT32 && type != PrimitiveType.PrimitiveTypeName.INT64) {
                    throw new IllegalArgumentException("column " + name + " of " + file + " has type " + type
                            + "; preprocessed fields must hold integer ids");
                }
                fieldIsLong[f] = type == PrimitiveType.PrimitiveTypeName.INT64;
            }
            key = keyColumn == null ? -1 : projection.getFieldIndex(keyColumn);
        }
    }
}

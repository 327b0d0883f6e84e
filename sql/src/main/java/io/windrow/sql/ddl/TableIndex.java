package io.windrow.sql.ddl;

import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * An OpenMLDB table index, {@code INDEX(KEY=(k1, k2), TS=t)}: key columns and the time column that
 * orders a window over those keys when the window has no ORDER BY. It travels with the table as
 * metadata of its TS column in the Spark schema, so a Dataset loaded with the DDL carries it.
 */
public record TableIndex(List<String> keys, String ts) {
    /** Metadata key on the TS column: the key lists of the indexes ordered by it, each "k1,k2". */
    private static final String KEYS = "windrow.index.keys";

    public TableIndex {
        keys = List.copyOf(keys);
        requireNonNull(ts, "ts");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one key column");
        }
    }

    /** {@code schema} with {@code indexes} recorded on their TS columns (which must exist). */
    public static StructType attach(StructType schema, List<TableIndex> indexes) {
        StructField[] fields = schema.fields().clone();
        for (TableIndex index : indexes) {
            int i = indexOf(fields, index.ts());
            if (i < 0) {
                throw new IllegalArgumentException("index TS column " + index.ts() + " is not a column of the table");
            }
            List<String> keyLists = new ArrayList<>(keyLists(fields[i]));
            keyLists.add(String.join(",", index.keys()));
            Metadata metadata = new MetadataBuilder().withMetadata(fields[i].metadata())
                    .putStringArray(KEYS, keyLists.toArray(new String[0])).build();
            fields[i] = new StructField(fields[i].name(), fields[i].dataType(), fields[i].nullable(), metadata);
        }
        return new StructType(fields);
    }

    /** The TS column of an index of {@code schema} whose keys are exactly {@code partitionColumns}. */
    public static Optional<String> orderColumn(StructType schema, List<String> partitionColumns) {
        Set<String> wanted = lowerCase(partitionColumns);
        for (StructField field : schema.fields()) {
            for (String keyList : keyLists(field)) {
                if (lowerCase(Arrays.asList(keyList.split(","))).equals(wanted)) {
                    return Optional.of(field.name());
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> keyLists(StructField field) {
        return field.metadata().contains(KEYS) ? Arrays.asList(field.metadata().getStringArray(KEYS)) : List.of();
    }

    private static Set<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static int indexOf(StructField[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}

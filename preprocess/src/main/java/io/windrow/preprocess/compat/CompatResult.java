package io.windrow.preprocess.compat;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What an {@code openmldb-compat} run produced: the split sizes and the demo's
 * {@code table_size_array} (distinct hashed values per column, I1..I13 then C1..C28).
 */
public record CompatResult(long trainRows, long testRows, long valRows, List<Long> tableSizes) {
    public CompatResult {
        tableSizes = List.copyOf(requireNonNull(tableSizes, "tableSizes"));
    }

    /** The demo's data_info.txt: train, test and val counts, then the table sizes joined by commas. */
    public String dataInfo() {
        return trainRows + "\n" + testRows + "\n" + valRows + "\n" + tableSizeArray();
    }

    public String tableSizeArray() {
        return tableSizes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

package io.windrow.sql.ast;

import java.util.Map;

/**
 * An OpenMLDB script reduced to what Windrow runs: the one SELECT, the database of {@code USE}
 * (may be null), and the target of a trailing {@code INTO OUTFILE} (may be null) with its options.
 */
public record Script(Select query, String database, String outfile, Map<String, String> outfileOptions) {
    public Script {
        outfileOptions = Map.copyOf(outfileOptions);
    }
}

package io.windrow.sql.request;

import org.apache.spark.sql.types.StructType;

import java.util.Map;

/** Builds {@link RequestEngine}s from feature SQL and the DDL schemas of its tables. */
public final class RequestEngines {
    private RequestEngines() {
    }

    /**
     * An engine for {@code sql} over tables with these schemas, holding no rows yet.
     *
     * @throws io.windrow.sql.SqlException for SQL the batch engine would reject, or that request mode
     *     does not support (with line:column)
     */
    public static RequestEngine create(String sql, Map<String, StructType> schemas) {
        throw new UnsupportedOperationException("request mode is not built yet");
    }
}

package io.windrow.jobs.serve;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import io.windrow.jobs.WindrowException;
import io.windrow.jobs.config.Suggestions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The {@code serve.*} settings, checked: where the pipeline's outputs are (SQL, DDL, preprocess
 * state, model), which history tables to load from where (the {@code serve.tables} blocks, or
 * else the features stage's inputs), and how to serve (address, threads, model copies, body limit).
 */
record ServeSettings(String host, int port, int threads, int modelCopies, String sql, String ddl, String preprocess,
        String model, Map<String, TableSource> tables, String tablesKey, String inputDir, long maxBodyBytes) {
    private static final List<String> TABLE_KEYS = List.of("path", "format");
    private static final List<String> FORMATS = List.of("parquet", "csv");

    /** Where one history table's rows come from, and the config key that says so. */
    record TableSource(String path, String format, String key) {
        TableSource {
            requireNonNull(path, "path");
            requireNonNull(format, "format");
            requireNonNull(key, "key");
        }
    }

    ServeSettings {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables)); // in config order
    }

    static ServeSettings from(Config root) {
        Config serve = root.getConfig("serve");
        int port = serve.getInt("port");
        if (port < 0 || port > 65535) {
            throw new WindrowException("serve.port must be 0 to 65535 (0 = any free port), got " + port);
        }
        int threads = atLeastOne(serve, "threads");
        int copies = atLeastOne(serve, "model-copies");
        long maxBody = serve.getBytes("max-body-bytes");
        if (maxBody < 1) {
            throw new WindrowException("serve.max-body-bytes must be at least 1, got " + maxBody);
        }
        String host = required(serve, "host");
        Config own = serve.getConfig("tables");
        boolean useFeatures = own.root().isEmpty();
        String tablesKey = useFeatures ? "features.tables" : "serve.tables";
        Map<String, TableSource> tables = tables(useFeatures ? root.getConfig("features.tables") : own, tablesKey);
        String inputDir = useFeatures ? root.getString("features.input-dir") : "";
        return new ServeSettings(host, port, threads, copies, required(serve, "sql"), required(serve, "ddl"),
                required(serve, "preprocess"), required(serve, "model"), tables, tablesKey, inputDir, maxBody);
    }

    private static Map<String, TableSource> tables(Config tables, String prefix) {
        Map<String, TableSource> out = new LinkedHashMap<>();
        for (String table : tables.root().keySet()) {
            String key = prefix + "." + table;
            if (tables.root().get(table).valueType() != ConfigValueType.OBJECT) {
                throw new WindrowException(key + " must be an object { path = ..., format = parquet | csv }");
            }
            Config block = tables.getConfig("\"" + table + "\"");
            for (String inner : block.root().keySet()) {
                if (!TABLE_KEYS.contains(inner)) {
                    throw new WindrowException("unknown config key '" + key + "." + inner + "'"
                            + Suggestions.didYouMean(inner, TABLE_KEYS) + "; a table block holds " + String.join(", ", TABLE_KEYS));
                }
            }
            if (!block.hasPath("path") || block.getString("path").isBlank()) {
                throw new WindrowException(key + ".path is missing");
            }
            String format = block.hasPath("format") ? block.getString("format").toLowerCase(Locale.ROOT) : "parquet";
            if (!FORMATS.contains(format)) {
                throw new WindrowException(key + ".format must be parquet or csv, got '" + format + "'"
                        + Suggestions.didYouMean(format, FORMATS));
            }
            out.put(table, new TableSource(block.getString("path"), format, key));
        }
        return out;
    }

    private static int atLeastOne(Config config, String key) {
        int value = config.getInt(key);
        if (value < 1) {
            throw new WindrowException("serve." + key + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String required(Config config, String key) {
        String value = config.getString(key);
        if (value.isBlank()) {
            throw new WindrowException("serve." + key + " is not set");
        }
        return value;
    }
}

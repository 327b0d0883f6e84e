package io.windrow.jobs.serve;

import io.windrow.sql.request.RequestEngine;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request engine for the service's tests, independent of the real one: the main table
 * {@code req(reqId string, ts timestamp, a string, n int, x double)} and a history table
 * {@code events(ts timestamp, a string)}. Its features come from the request row, plus one from
 * the history: {@code seen}, the number of stored events with the request's {@code a}. It refuses
 * rows as the contract says (wrong width or type, NULL or negative order key {@code ts}), naming
 * the column.
 */
final class RowOnlyEngine implements RequestEngine {
    static final StructType REQ = new StructType().add("reqId", DataTypes.StringType).add("ts", DataTypes.TimestampType)
            .add("a", DataTypes.StringType).add("n", DataTypes.IntegerType).add("x", DataTypes.DoubleType);
    static final StructType EVENTS = new StructType().add("ts", DataTypes.TimestampType).add("a", DataTypes.StringType);
    static final StructType OUTPUT = new StructType().add("reqId_1", DataTypes.StringType).add("a", DataTypes.StringType)
            .add("b", DataTypes.StringType).add("x", DataTypes.DoubleType).add("seen", DataTypes.LongType);
    static final String DDL = "CREATE TABLE req(reqId string, ts timestamp, a string, n int, x double);\n"
            + "CREATE TABLE events(ts timestamp, a string);\n";

    private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

    @Override
    public StructType outputSchema() {
        return OUTPUT;
    }

    @Override
    public StructType tableSchema(String table) {
        return switch (table) {
            case "req" -> REQ;
            case "events" -> EVENTS;
            default -> throw new IllegalArgumentException("table " + table + " is not read by the SQL");
        };
    }

    @Override
    public String mainTable() {
        return "req";
    }

    @Override
    public Object[] compute(Object[] request) {
        check(REQ, request);
        String a = (String) request[2];
        Integer n = (Integer) request[3];
        AtomicLong count = a == null ? null : seen.get(a);
        return new Object[] {request[0], a, a == null || n == null ? null : a + "_" + Math.floorMod(n, 3), request[4],
                count == null ? 0L : count.get()};
    }

    @Override
    public void append(String table, Object[] row) {
        if (table.equals("req")) {
            check(REQ, row);
            return;
        }
        check(tableSchema(table), row);
        if (row[1] != null) {
            seen.computeIfAbsent((String) row[1], k -> new AtomicLong()).incrementAndGet();
        }
    }

    private static void check(StructType schema, Object[] row) {
        if (row.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " columns, got " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            Class<?> expected = switch (schema.fields()[i].dataType().typeName()) {
                case "string" -> String.class;
                case "timestamp" -> Timestamp.class;
                case "integer" -> Integer.class;
                case "double" -> Double.class;
                default -> Object.class;
            };
            if (row[i] != null && !expected.isInstance(row[i])) {
                throw new IllegalArgumentException("column '" + schema.fieldNames()[i] + "': expected " + expected.getSimpleName());
            }
        }
        Timestamp ts = (Timestamp) row[schema.fieldIndex("ts")];
        String column = "ts";
        if (ts == null) {
            throw new IllegalArgumentException("column '" + column + "': NULL order key");
        }
        if (ts.getTime() < 0) {
            throw new IllegalArgumentException("column '" + column + "': negative order key " + ts.getTime());
        }
    }
}

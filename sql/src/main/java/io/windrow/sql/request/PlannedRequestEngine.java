package io.windrow.sql.request;

import io.windrow.sql.plan.Field;
import io.windrow.sql.plan.PlanNode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.util.Objects.requireNonNull;

/**
 * The {@link RequestEngine} over a planned query: the request path's nodes and, per table, the
 * indexes its rows feed. One read-write lock: computes share it (they only read the indexes),
 * an append holds it alone while it commits a row that every index has already accepted.
 */
final class PlannedRequestEngine implements RequestEngine {
    private final String mainTable;
    private final Map<String, StructType> schemas;
    private final StructType outputSchema;
    private final RequestNode root;
    private final Map<String, List<TableListener>> listeners;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Appends between two sweeps of every index (amortised: a sweep is linear in the rows held). */
    private static final long SWEEP_EVERY = 4096;
    private long seq;

    PlannedRequestEngine(String mainTable, Map<String, StructType> schemas, PlanNode plan, RequestNode root,
            Map<String, List<TableListener>> listeners) {
        this.mainTable = mainTable;
        this.schemas = new LinkedHashMap<>(schemas);
        List<StructField> fields = new ArrayList<>();
        for (Field field : plan.output()) {
            fields.add(DataTypes.createStructField(field.name(), field.type().sparkType(), true));
        }
        this.outputSchema = new StructType(fields.toArray(new StructField[0]));
        this.root = root;
        this.listeners = new LinkedHashMap<>(listeners);
    }

    @Override
    public StructType outputSchema() {
        return outputSchema;
    }

    @Override
    public StructType tableSchema(String table) {
        StructType schema = schemas.get(requireNonNull(table, "table"));
        if (schema == null) {
            throw new IllegalArgumentException("unknown table " + table + " (known: " + schemas.keySet() + ")");
        }
        return schema;
    }

    @Override
    public String mainTable() {
        return mainTable;
    }

    @Override
    public Object[] compute(Object[] request) {
        Object[] row = InputRows.checked(mainTable, tableSchema(mainTable), request);
        lock.readLock().lock();
        try {
            return root.evaluate(row);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void append(String table, Object[] row) {
        Object[] checked = InputRows.checked(table, tableSchema(table), row);
        List<TableListener> targets = listeners.getOrDefault(table, List.of());
        // Every index accepts the row before any stores it: a rejected row is stored nowhere.
        List<Object> prepared = new ArrayList<>(targets.size());
        for (TableListener target : targets) {
            prepared.add(target.prepare(checked));
        }
        lock.writeLock().lock();
        try {
            long arrival = seq++;
            for (int i = 0; i < targets.size(); i++) {
                if (prepared.get(i) != null) {
                    targets.get(i).commit(prepared.get(i), arrival);
                }
            }
            if (seq % SWEEP_EVERY == 0) {
                sweep();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Trims every index to what later requests can reach. */
    void sweep() {
        lock.writeLock().lock();
        try {
            listeners.values().forEach(targets -> targets.forEach(TableListener::sweep));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The rows the indexes hold (a row feeding two windows counts twice), for memory figures. */
    long storedRows() {
        lock.readLock().lock();
        try {
            return listeners.values().stream().flatMap(List::stream).mapToLong(TableListener::storedRows).sum();
        } finally {
            lock.readLock().unlock();
        }
    }
}

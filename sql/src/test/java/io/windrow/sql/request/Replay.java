package io.windrow.sql.request;

import io.windrow.sql.FeatureEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The consistency rule between request mode and batch, as a test harness. Batch: the feature SQL
 * over the whole tables. Request mode: every table but the main one is appended in full first (as
 * OpenMLDB's LOAD DATA fills the online store; a LAST JOIN in batch also sees right rows later than
 * the left row), then the main table's rows are replayed in time order (order column, then input
 * order): each is computed as a request, then appended. A request then sees exactly the rows a batch
 * row's windows see (main rows before it in (time, input order), UNION rows up to its time, which
 * the engine selects by time), so every value must be equal: doubles by their bits, timestamps to
 * the microsecond.
 */
final class Replay {
    /** Tables as rows of Spark external Java values, in input order. */
    record Tables(Map<String, StructType> schemas, Map<String, List<Object[]>> rows) {}

    /** One feature that differs. */
    record Mismatch(int row, String column, Object batch, Object request) {}

    /** What a replay measured. */
    record Result(int requests, List<Mismatch> mismatches, long storedRowsAfterLoad, long storedRowsAfterReplay,
            long heapBytes, double computeMicros, double p50Micros, double p99Micros) {}

    private Replay() {}

    static Dataset<Row> dataset(SparkSession spark, StructType schema, List<Object[]> rows) {
        List<Row> data = new ArrayList<>();
        for (Object[] row : rows) {
            data.add(RowFactory.create(row));
        }
        return spark.createDataFrame(data, schema);
    }

    static List<Object[]> rows(Dataset<Row> table) {
        List<Object[]> rows = new ArrayList<>();
        for (Row row : table.collectAsList()) {
            Object[] values = new Object[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
            }
            rows.add(values);
        }
        return rows;
    }

    static Result run(SparkSession spark, String sql, Tables tables, String mainTable, String timeColumn) {
        Map<String, Dataset<Row>> datasets = new LinkedHashMap<>();
        tables.schemas().forEach((name, schema) -> datasets.put(name,
                dataset(spark, schema, tables.rows().getOrDefault(name, List.of()))));
        List<Row> batch = new FeatureEngine(spark).execute(sql, datasets).collectAsList();

        PlannedRequestEngine engine = (PlannedRequestEngine) RequestEngines.create(sql, tables.schemas());
        for (Map.Entry<String, List<Object[]>> table : tables.rows().entrySet()) {
            if (!table.getKey().equals(mainTable)) {
                for (Object[] row : table.getValue()) {
                    engine.append(table.getKey(), row);
                }
            }
        }
        long storedAfterLoad = engine.storedRows();

        List<Object[]> main = tables.rows().get(mainTable);
        int time = List.of(tables.schemas().get(mainTable).fieldNames()).indexOf(timeColumn);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < main.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> epoch(main.get(i)[time])).thenComparingInt(i -> i));
        String[] names = engine.outputSchema().fieldNames();
        List<Mismatch> mismatches = new ArrayList<>();
        long nanos = 0;
        long[] each = new long[main.size()];
        int done = 0;
        for (int i : order) {
            long start = System.nanoTime();
            Object[] features = engine.compute(main.get(i));
            each[done] = System.nanoTime() - start;
            nanos += each[done++];
            engine.append(mainTable, main.get(i));
            Row expected = batch.get(i);
            for (int c = 0; c < names.length; c++) {
                Object b = normalize(expected.get(c));
                Object r = normalize(features[c]);
                if (!Objects.equals(b, r)) {
                    mismatches.add(new Mismatch(i, names[c], b, r));
                }
            }
        }
        engine.sweep();
        long stored = engine.storedRows();
        long withEngine = usedHeap();
        engine.compute(main.get(order.get(order.size() - 1))); // keeps the engine reachable until here
        engine = null; // what the engine holds is what the heap loses without it
        long heap = withEngine - usedHeap();
        Arrays.sort(each);
        return new Result(main.size(), mismatches, storedAfterLoad, stored, heap,
                nanos / 1000.0 / main.size(), each[main.size() / 2] / 1000.0, each[main.size() * 99 / 100] / 1000.0);
    }

    private static long epoch(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.getTime();
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toEpochDay();
        }
        return ((Number) value).longValue();
    }

    /** Lists in one form; everything else compares by equals (Double/Float by their bits). */
    private static Object normalize(Object value) {
        if (value instanceof Seq<?> seq) {
            return new ArrayList<>(CollectionConverters.asJava(seq));
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }

    /** The heap in use after collections: the least of a few readings, as other threads allocate meanwhile. */
    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
        }
        return least;
    }
}

package io.windrow.sql.request;

import io.windrow.sql.ddl.TableDefinition;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * JD-shaped tables (the sample's DDL) with a hot key: a share of the requests, of the actions and of
 * the comments go to one user/product pair. Times are whole minutes over a few weeks and repeat
 * often (ties within a key, and between requests and UNION rows); some values are NULL; products
 * and users appear several times (LAST JOIN picks among them). Deterministic for a seed.
 */
final class SyntheticJd {
    private static final long START = 1_520_000_000_000L; // March 2018, as in the sample
    private static final long MINUTE = 60_000L;

    private SyntheticJd() {}

    static Replay.Tables tables(Map<String, TableDefinition> ddl, long seed, int requests, double hotShare) {
        Random random = new Random(seed);
        Map<String, StructType> schemas = new LinkedHashMap<>();
        ddl.values().forEach(table -> schemas.put(table.name(), table.schema()));
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        int users = 300;
        int skus = 200;
        int minutes = 25 * 24 * 60;

        List<Object[]> flatten = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            boolean hot = random.nextDouble() < hotShare;
            int user = hot ? 0 : random.nextInt(users);
            int sku = hot ? 0 : random.nextInt(skus);
            long time = !times.isEmpty() && random.nextInt(10) == 0 ? times.get(random.nextInt(times.size()))
                    : START + (3L * 24 * 60 + random.nextInt(minutes - 3 * 24 * 60)) * MINUTE;
            times.add(time);
            flatten.add(new Object[] {"r" + i, new Timestamp(time), "m" + i, "u" + user + "_s" + sku, "u" + user,
                    "s" + sku, time, random.nextInt(3), Long.toString(time)});
        }
        rows.put("flattenRequest", flatten);

        List<Object[]> actions = new ArrayList<>();
        for (int i = 0; i < 3 * requests; i++) {
            boolean hot = random.nextDouble() < hotShare;
            String pair = hot ? "u0_s0" : "u" + random.nextInt(users) + "_s" + random.nextInt(skus);
            long time = random.nextInt(8) == 0 ? times.get(random.nextInt(times.size()))
                    : START + random.nextInt(minutes) * MINUTE;
            actions.add(new Object[] {new Timestamp(time), pair, time, random.nextInt(20) == 0 ? null
                    : "m" + random.nextInt(20), "t" + random.nextInt(6), "c" + random.nextInt(8),
                    "b" + random.nextInt(30)});
        }
        rows.put("bo_action", actions);

        List<Object[]> comments = new ArrayList<>();
        for (int i = 0; i < requests / 3; i++) {
            int sku = random.nextDouble() < hotShare ? 0 : random.nextInt(skus);
            long time = random.nextInt(8) == 0 ? times.get(random.nextInt(times.size()))
                    : START + random.nextInt(minutes) * MINUTE;
            comments.add(new Object[] {new Timestamp(time), time / 86_400_000L, "s" + sku, random.nextInt(5),
                    Integer.toString(random.nextInt(2)), random.nextInt(10) == 0 ? null : random.nextInt(100) / 100f});
        }
        rows.put("bo_comment", comments);

        List<Object[]> products = new ArrayList<>();
        for (int i = 0; i < skus * 3 / 2; i++) {
            int sku = i < skus ? i : random.nextInt(skus);
            products.add(new Object[] {new Timestamp(START + random.nextInt(minutes) * MINUTE), "s" + sku,
                    "a" + random.nextInt(5), "a" + random.nextInt(4), "a" + random.nextInt(4), "c" + random.nextInt(8),
                    "b" + random.nextInt(30)});
        }
        rows.put("bo_product", products);

        List<Object[]> profiles = new ArrayList<>();
        for (int i = 0; i < users * 3 / 2; i++) {
            int user = i < users ? i : random.nextInt(users);
            profiles.add(new Object[] {new Timestamp(START + random.nextInt(minutes) * MINUTE), "u" + user,
                    Integer.toString(random.nextInt(7)), Integer.toString(random.nextInt(3)),
                    Integer.toString(random.nextInt(5) + 1), 1_400_000_000_000L + random.nextInt(1000) * 86_400_000L});
        }
        rows.put("bo_user", profiles);

        List<Object[]> labels = new ArrayList<>();
        for (int i = 0; i < requests / 5; i++) {
            int request = random.nextInt(requests);
            Object[] flat = flatten.get(request);
            labels.add(new Object[] {"r" + request, flat[1], flat[1], random.nextInt(2)});
        }
        rows.put("action", labels);
        return new Replay.Tables(schemas, rows);
    }
}

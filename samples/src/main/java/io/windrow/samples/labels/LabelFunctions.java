package io.windrow.samples.labels;

import java.util.List;

/**
 * The built-in label functions over a sample's events, in plain Java (registered as Spark SQL
 * functions by {@link LabelUdfs}). Every function returns NULL for a NULL events list.
 *
 * <ul>
 *   <li>{@code sum_over(events, key)}: the sum of the numeric values of field {@code key}
 *       (numbers and numeric strings; other values and absent fields are skipped); 0 when none.</li>
 *   <li>{@code min_over / max_over(events, key)}: the smallest / largest such value; NULL when none
 *       (the seed's Python version returns sys.maxsize on an empty list, which poisons labels).</li>
 *   <li>{@code has_event(events, type)}: 1 if an event of that type is present, else 0.</li>
 *   <li>{@code count_over(events, type)}: the number of events of that type.</li>
 * </ul>
 */
public final class LabelFunctions {
    private LabelFunctions() {}

    public static Double sumOver(List<SampleEvent> events, String key) {
        if (events == null || key == null) {
            return null;
        }
        double sum = 0;
        for (SampleEvent event : events) {
            Double value = event.number(key);
            if (value != null) {
                sum += value;
            }
        }
        return sum;
    }

    public static Double minOver(List<SampleEvent> events, String key) {
        return extreme(events, key, true);
    }

    public static Double maxOver(List<SampleEvent> events, String key) {
        return extreme(events, key, false);
    }

    public static Long hasEvent(List<SampleEvent> events, String type) {
        if (events == null || type == null) {
            return null;
        }
        return events.stream().anyMatch(e -> type.equals(e.type())) ? 1L : 0L;
    }

    public static Long countOver(List<SampleEvent> events, String type) {
        if (events == null || type == null) {
            return null;
        }
        return events.stream().filter(e -> type.equals(e.type())).count();
    }

    private static Double extreme(List<SampleEvent> events, String key, boolean min) {
        if (events == null || key == null) {
            return null;
        }
        Double best = null;
        for (SampleEvent event : events) {
            Double value = event.number(key);
            if (value != null && (best == null || (min ? value < best : value > best))) {
                best = value;
            }
        }
        return best;
    }
}

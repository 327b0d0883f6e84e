package io.windrow.samples;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Where the fields of a behaviour event are in the events table or JSON message (the seed's
 * {@code input.*} keys), and the sample rules that depend on them: which type is the exposure and
 * how long to wait for positives.
 *
 * @param durationColumn empty when the events carry no duration
 * @param eventTypes the accepted event types; empty accepts every type
 */
public record InputMapping(
        String userIdColumn,
        String itemIdColumn,
        String requestIdColumn,
        String eventTypeColumn,
        String durationColumn,
        String eventTimeColumn,
        TimeUnitSpec eventTimeUnit,
        String exposeEvent,
        List<String> extraColumns,
        long waitPositiveSecs,
        List<String> eventTypes) {

    /** Keys of the events JSON that an extra column may not shadow in the flat layout. */
    static final Set<String> RESERVED = Set.of("eventType", "eventTime", "duration", "properties");

    public InputMapping {
        requireNonNull(userIdColumn, "userIdColumn");
        requireNonNull(itemIdColumn, "itemIdColumn");
        requireNonNull(requestIdColumn, "requestIdColumn");
        requireNonNull(eventTypeColumn, "eventTypeColumn");
        requireNonNull(durationColumn, "durationColumn");
        requireNonNull(eventTimeColumn, "eventTimeColumn");
        requireNonNull(eventTimeUnit, "eventTimeUnit");
        requireNonNull(exposeEvent, "exposeEvent");
        extraColumns = List.copyOf(extraColumns);
        eventTypes = List.copyOf(eventTypes);
        if (waitPositiveSecs < 0) {
            throw new IllegalArgumentException("samples.input.wait-positive-secs must be >= 0, got " + waitPositiveSecs);
        }
        if (exposeEvent.isBlank()) {
            throw new IllegalArgumentException("samples.input.expose-event must not be empty");
        }
        if (new LinkedHashSet<>(extraColumns).size() != extraColumns.size()) {
            throw new IllegalArgumentException("samples.input.event-extra lists a column twice: " + extraColumns);
        }
        for (String extra : extraColumns) {
            if (RESERVED.contains(extra)) {
                throw new IllegalArgumentException("samples.input.event-extra: column '" + extra
                        + "' clashes with a key of the events JSON " + RESERVED);
            }
        }
    }

    public boolean hasDuration() {
        return !durationColumn.isEmpty();
    }

    public long waitPositiveMillis() {
        return waitPositiveSecs * 1000L;
    }

    /** Every column the events input must have, with the config key that names it. */
    public List<String[]> requiredColumns() {
        List<String[]> columns = new java.util.ArrayList<>();
        columns.add(new String[] {"samples.input.userid", userIdColumn});
        columns.add(new String[] {"samples.input.itemid", itemIdColumn});
        columns.add(new String[] {"samples.input.request-id", requestIdColumn});
        columns.add(new String[] {"samples.input.event-type", eventTypeColumn});
        columns.add(new String[] {"samples.input.event-ts", eventTimeColumn});
        if (hasDuration()) {
            columns.add(new String[] {"samples.input.event-duration", durationColumn});
        }
        for (String extra : extraColumns) {
            columns.add(new String[] {"samples.input.event-extra", extra});
        }
        return columns;
    }
}

package io.windrow.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Builds the sample of one (request_id, item_id) key from all its input rows, in plain Java, so
 * that the batch job ({@code groupByKey().flatMapGroups}) and the streaming job
 * ({@code flatMapGroupsWithState}) produce identical samples by construction.
 *
 * <p>Rules (documented in samples/README.md): exact duplicate events are removed; the sample opens
 * at the earliest exposure E and holds the events with {@code E <= time <= E + wait}, ordered by
 * (time, type, duration, extras); a key without exposure gives no sample. Of the feature log rows
 * with the configured module and non-empty features, the one with the earliest request time (then
 * the smallest features string) is kept; the sample joins it when
 * {@code E BETWEEN log.ts - before AND log.ts + after}.
 */
public final class SampleAssembler implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Comparator<KeyedInput> EVENT_ORDER = Comparator
            .comparingLong((KeyedInput e) -> e.getEventTime())
            .thenComparing(KeyedInput::getEventType, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(KeyedInput::getDuration, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(KeyedInput::getExtras, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(KeyedInput::getUserId, Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final Comparator<KeyedInput> LOG_ORDER = Comparator
            .comparingLong((KeyedInput e) -> e.getEventTime())
            .thenComparing(KeyedInput::getFeatures);

    private final String exposeEvent;
    private final long waitMillis;
    private final TimeUnitSpec eventTimeUnit;
    private final EventsLayout layout;
    private final String moduleFilter;
    private final JoinBounds join;

    public SampleAssembler(InputMapping input, EventsLayout layout, String moduleFilter, JoinBounds join) {
        this.exposeEvent = input.exposeEvent();
        this.waitMillis = input.waitPositiveMillis();
        this.eventTimeUnit = input.eventTimeUnit();
        this.layout = requireNonNull(layout, "layout");
        this.moduleFilter = requireNonNull(moduleFilter, "moduleFilter");
        this.join = requireNonNull(join, "join");
    }

    public long waitMillis() {
        return waitMillis;
    }

    public JoinBounds join() {
        return join;
    }

    public String exposeEvent() {
        return exposeEvent;
    }

    /** The outcome of one key; {@code rows} are all its events and log rows, in any order. */
    public KeyOutcome assemble(String requestId, String itemId, Iterator<KeyedInput> rows) {
        List<KeyedInput> events = new ArrayList<>();
        List<KeyedInput> logs = new ArrayList<>();
        rows.forEachRemaining(row -> (row.isEvent() ? events : logs).add(row));
        return assemble(requestId, itemId, events, logs);
    }

    public KeyOutcome assemble(String requestId, String itemId, List<KeyedInput> events, List<KeyedInput> logs) {
        KeyOutcome out = new KeyOutcome();
        out.setRequestId(requestId);
        out.setItemId(itemId);
        out.setInputEvents(events.size());
        out.setLogRows(logs.size());

        Set<EventIdentity> seen = new LinkedHashSet<>();
        List<KeyedInput> unique = new ArrayList<>();
        for (KeyedInput event : events) {
            if (seen.add(EventIdentity.of(event))) {
                unique.add(event);
            }
        }
        out.setDuplicateEvents(events.size() - unique.size());
        unique.sort(EVENT_ORDER);
        out.setClampedEvents(unique.stream().filter(KeyedInput::isClamped).count());

        KeyedInput exposure = unique.stream().filter(e -> exposeEvent.equals(e.getEventType())).findFirst().orElse(null);
        out.setExposures(unique.stream().filter(e -> exposeEvent.equals(e.getEventType())).count());

        List<KeyedInput> usableLogs = new ArrayList<>();
        for (KeyedInput log : logs) {
            boolean moduleOk = moduleFilter.isEmpty() || moduleFilter.equals(log.getModule());
            if (moduleOk && log.getFeatures() != null && !log.getFeatures().isEmpty()) {
                usableLogs.add(log);
            }
        }
        out.setLogRowsFiltered(logs.size() - usableLogs.size());
        out.setLogDuplicates(Math.max(0, usableLogs.size() - 1));

        if (exposure == null) {
            out.setKind(unique.isEmpty() ? KeyOutcome.LOG_ONLY : KeyOutcome.NO_EXPOSURE);
            return out;
        }
        long opens = exposure.getEventTime();
        long closes = opens + waitMillis;
        ArrayNode array = JSON.createArrayNode();
        long early = 0;
        long late = 0;
        for (KeyedInput event : unique) {
            long time = event.getEventTime();
            if (time < opens) {
                early++;
            } else if (time > closes) {
                late++;
            } else {
                array.add(toJson(event));
            }
        }
        out.setKind(KeyOutcome.SAMPLE);
        out.setUserId(exposure.getUserId());
        out.setExposureTime(new Timestamp(opens));
        out.setWindowEvents(array.size());
        out.setEarlyEvents(early);
        out.setLateEvents(late);
        out.setEvents(array.toString());

        KeyedInput log = usableLogs.stream().min(LOG_ORDER).orElse(null);
        if (log != null) {
            if (join.matches(opens, log.getEventTime())) {
                out.setJoined(true);
                out.setFeatures(log.getFeatures());
                out.setRequestTime(new Timestamp(log.getEventTime()));
            } else {
                out.setLogOutOfBounds(1);
            }
        }
        return out;
    }

    private ObjectNode toJson(KeyedInput event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eventType", event.getEventType());
        node.put("eventTime", eventTimeUnit.fromEpochMillis(event.getEventTime()));
        JsonNode duration = number(event.getDuration());
        if (duration != null) {
            node.set("duration", duration);
        }
        ObjectNode extras = extras(event.getExtras());
        if (extras != null && !extras.isEmpty()) {
            if (layout == EventsLayout.NESTED) {
                node.set("properties", extras);
            } else {
                node.setAll(extras);
            }
        }
        return node;
    }

    private static JsonNode number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (INTEGER.matcher(trimmed).matches()) {
            return JSON.getNodeFactory().numberNode(Long.parseLong(trimmed));
        }
        try {
            double value = Double.parseDouble(trimmed);
            return Double.isFinite(value) ? JSON.getNodeFactory().numberNode(value) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ObjectNode extras(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("extras are not a JSON object: " + text, e);
        }
    }

    /** The fields that make two event rows exact duplicates. */
    private record EventIdentity(String userId, String type, long time, String duration, String extras) {
        static EventIdentity of(KeyedInput e) {
            return new EventIdentity(e.getUserId(), e.getEventType(), e.getEventTime(), e.getDuration(), e.getExtras());
        }
    }

    /** The event time after which no more input can change the key's outcome (the streaming timer). */
    public long finalAfter(List<KeyedInput> events, List<KeyedInput> logs) {
        Long exposure = null;
        long maxEvent = Long.MIN_VALUE;
        for (KeyedInput event : events) {
            maxEvent = Math.max(maxEvent, event.getEventTime());
            if (exposeEvent.equals(event.getEventType())) {
                exposure = exposure == null ? event.getEventTime() : Math.min(exposure, event.getEventTime());
            }
        }
        long maxLog = Long.MIN_VALUE;
        for (KeyedInput log : logs) {
            maxLog = Math.max(maxLog, log.getEventTime());
        }
        if (exposure != null) {
            // Events count until E + wait; a log row may still join with log.ts up to E + before.
            return exposure + Math.max(waitMillis, join.beforeLogSecs() * 1000L);
        }
        long deadline = Long.MIN_VALUE;
        if (!events.isEmpty()) {
            deadline = maxEvent + waitMillis;
        }
        if (!logs.isEmpty()) {
            deadline = Math.max(deadline, maxLog + join.afterLogSecs() * 1000L);
        }
        return deadline;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleAssembler other && exposeEvent.equals(other.exposeEvent) && waitMillis == other.waitMillis
                && eventTimeUnit == other.eventTimeUnit && layout == other.layout
                && moduleFilter.equals(other.moduleFilter) && join.equals(other.join);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exposeEvent, waitMillis, eventTimeUnit, layout, moduleFilter, join);
    }
}

package io.windrow.samples;

import java.util.Locale;

/**
 * Where an event's extra fields go in the events JSON: {@link #NESTED} under {@code "properties"}
 * (EasyRec's first layout) or {@link #FLAT} as top-level keys (its later one).
 */
public enum EventsLayout {
    NESTED, FLAT;

    public static EventsLayout parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'samples.events-json.layout': expected nested or flat, got '" + text + "'");
        }
    }
}

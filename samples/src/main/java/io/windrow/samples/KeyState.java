package io.windrow.samples;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming state of one (request_id, item_id) key: its events and feature log rows seen so
 * far, kept until the watermark passes {@link SampleAssembler#finalAfter}. A JavaBean for Spark's
 * state encoder.
 */
public class KeyState implements Serializable {
    private List<KeyedInput> events = new ArrayList<>();
    private List<KeyedInput> logs = new ArrayList<>();

    public KeyState() {}

    public List<KeyedInput> getEvents() { return events; }
    public void setEvents(List<KeyedInput> events) { this.events = new ArrayList<>(events); }
    public List<KeyedInput> getLogs() { return logs; }
    public void setLogs(List<KeyedInput> logs) { this.logs = new ArrayList<>(logs); }
}

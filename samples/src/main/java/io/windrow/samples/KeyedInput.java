package io.windrow.samples;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * One normalized input row of a (request_id, item_id) key: either a behaviour event
 * ({@code source = "event"}) or a feature log row ({@code source = "log"}). Events and log rows of
 * a key travel together so that one function ({@link SampleAssembler}) builds the sample, picks the
 * log row and applies the join bounds, in batch and in streaming alike. A JavaBean because Spark's
 * bean encoder needs one.
 */
public class KeyedInput implements Serializable {
    public static final String EVENT = "event";
    public static final String LOG = "log";

    private String requestId;
    private String itemId;
    private String source;
    private String userId;
    private String eventType;
    private Long eventTime;
    private boolean clamped;
    private String duration;
    private String extras;
    private String module;
    private String features;
    private Timestamp ts;

    public KeyedInput() {}

    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getItemId() { return itemId; }
    public void setItemId(String itemId) { this.itemId = itemId; }
    /** {@link #EVENT} or {@link #LOG}. */
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getEventType() { return eventType; }
    public void setEventType(String eventType) { this.eventType = eventType; }
    /** Event time (events) or request time (log rows) in epoch milliseconds, after clamping. */
    public Long getEventTime() { return eventTime; }
    public void setEventTime(Long eventTime) { this.eventTime = eventTime; }
    /** Whether the time was in the future and clamped to now. */
    public boolean isClamped() { return clamped; }
    public void setClamped(boolean clamped) { this.clamped = clamped; }
    /** The duration as written in the input (a number's text), or null. */
    public String getDuration() { return duration; }
    public void setDuration(String duration) { this.duration = duration; }
    /** The extra columns as a JSON object of strings (null values left out). */
    public String getExtras() { return extras; }
    public void setExtras(String extras) { this.extras = extras; }
    public String getModule() { return module; }
    public void setModule(String module) { this.module = module; }
    public String getFeatures() { return features; }
    public void setFeatures(String features) { this.features = features; }
    /** {@link #getEventTime()} as a timestamp: the streaming watermark's column. */
    public Timestamp getTs() { return ts; }
    public void setTs(Timestamp ts) { this.ts = ts; }

    public boolean isEvent() {
        return EVENT.equals(source);
    }
}

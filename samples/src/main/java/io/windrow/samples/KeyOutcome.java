package io.windrow.samples;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * What {@link SampleAssembler} made of one (request_id, item_id) key: a sample ({@link #SAMPLE}),
 * or the reason there is none ({@link #NO_EXPOSURE}: events but no exposure; {@link #LOG_ONLY}:
 * feature log rows but no events), or a skipped bad input row (kind = its status). The counters
 * feed the stage's metrics, so batch and streaming count through the same code.
 */
public class KeyOutcome implements Serializable {
    public static final String SAMPLE = "sample";
    public static final String NO_EXPOSURE = "no_exposure";
    public static final String LOG_ONLY = "log_only";

    private String kind;
    private String requestId;
    private String itemId;
    private String userId;
    private Timestamp exposureTime;
    private String events;
    private String features;
    private Timestamp requestTime;
    private boolean joined;
    private long inputEvents;
    private long duplicateEvents;
    private long windowEvents;
    private long earlyEvents;
    private long lateEvents;
    private long exposures;
    private long clampedEvents;
    private long logRows;
    private long logRowsFiltered;
    private long logDuplicates;
    private long logOutOfBounds;

    public KeyOutcome() {}

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getItemId() { return itemId; }
    public void setItemId(String itemId) { this.itemId = itemId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public Timestamp getExposureTime() { return exposureTime; }
    public void setExposureTime(Timestamp exposureTime) { this.exposureTime = exposureTime; }
    public String getEvents() { return events; }
    public void setEvents(String events) { this.events = events; }
    public String getFeatures() { return features; }
    public void setFeatures(String features) { this.features = features; }
    public Timestamp getRequestTime() { return requestTime; }
    public void setRequestTime(Timestamp requestTime) { this.requestTime = requestTime; }
    public boolean isJoined() { return joined; }
    public void setJoined(boolean joined) { this.joined = joined; }
    /** Event rows of the key as read (before removing duplicates). */
    public long getInputEvents() { return inputEvents; }
    public void setInputEvents(long inputEvents) { this.inputEvents = inputEvents; }
    public long getDuplicateEvents() { return duplicateEvents; }
    public void setDuplicateEvents(long duplicateEvents) { this.duplicateEvents = duplicateEvents; }
    /** Events inside [exposure, exposure + wait]: the ones in the events column. */
    public long getWindowEvents() { return windowEvents; }
    public void setWindowEvents(long windowEvents) { this.windowEvents = windowEvents; }
    /** Events before the first exposure (left out). */
    public long getEarlyEvents() { return earlyEvents; }
    public void setEarlyEvents(long earlyEvents) { this.earlyEvents = earlyEvents; }
    /** Events after exposure + wait (left out). */
    public long getLateEvents() { return lateEvents; }
    public void setLateEvents(long lateEvents) { this.lateEvents = lateEvents; }
    public long getExposures() { return exposures; }
    public void setExposures(long exposures) { this.exposures = exposures; }
    public long getClampedEvents() { return clampedEvents; }
    public void setClampedEvents(long clampedEvents) { this.clampedEvents = clampedEvents; }
    public long getLogRows() { return logRows; }
    public void setLogRows(long logRows) { this.logRows = logRows; }
    /** Log rows dropped by the module filter or for empty features. */
    public long getLogRowsFiltered() { return logRowsFiltered; }
    public void setLogRowsFiltered(long logRowsFiltered) { this.logRowsFiltered = logRowsFiltered; }
    /** Usable log rows beyond the one kept for the key. */
    public long getLogDuplicates() { return logDuplicates; }
    public void setLogDuplicates(long logDuplicates) { this.logDuplicates = logDuplicates; }
    /** 1 when the key's log row was outside the join bounds of its sample. */
    public long getLogOutOfBounds() { return logOutOfBounds; }
    public void setLogOutOfBounds(long logOutOfBounds) { this.logOutOfBounds = logOutOfBounds; }
}

package io.windrow.sql.ast;

/**
 * One end of a frame. {@code offset} is rows for ROWS frames and milliseconds for ROWS_RANGE;
 * CURRENT ROW is {@code PRECEDING 0}. {@code open} marks an exclusive bound ({@code OPEN PRECEDING}).
 */
public record Bound(Kind kind, long offset, boolean open, Position position) {
    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING }

    public boolean unbounded() {
        return kind == Kind.UNBOUNDED_PRECEDING;
    }
}

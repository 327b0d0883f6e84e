package io.windrow.sql.ast;

/** The window of an aggregate call: a named window ({@code OVER w}) or an inline spec. */
public record Over(String windowName, WindowSpec spec, Position position) {}

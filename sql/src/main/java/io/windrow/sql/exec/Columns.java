package io.windrow.sql.exec;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Internal column names and references; internal names never need quoting. */
public final class Columns {
    /** The input position of a row: orders the output and breaks ties (see {@link WindowGroupExec}). */
    public static final String POSITION = "__pos";
    public static final String TS = "__ts";
    public static final String FLAG = "__flag";
    public static final String SOURCE = "__src";

    private Columns() {}

    public static Column col(String name) {
        return functions.col("`" + name + "`");
    }
}

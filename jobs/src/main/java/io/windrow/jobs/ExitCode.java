package io.windrow.jobs;

/**
 * The launcher's exit codes, so a script can tell a wrong config from bad data from a crash
 * without reading the message. {@code scripts/nightly.sh} uses them (it does not retry 2 and 4,
 * which fail the same way each time) and keeps its own 3 (locked) and 10+i (stage i failed).
 */
public enum ExitCode {
    /** The stage finished and committed its outputs. */
    OK(0),
    /** A failure that is neither the config's nor the data's: a bug, a lost executor, a full disk. */
    RUNTIME(1),
    /** Usage, config or SQL error: a wrong option, key or value, an output that may not be written, SQL that does not parse or type-check. */
    USAGE(2),
    /** Input data error: a missing, empty, corrupt or mis-typed input, a CSV value that does not parse, a missing upstream output. */
    INPUT(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package io.windrow.jobs;

/**
 * A failure caused by the user's input or configuration (a missing file, an unknown key, an
 * existing output). The launcher prints its message as one line and exits non-zero, without a
 * stack trace: the message must name the file, table, column or key at fault.
 */
public class WindrowException extends RuntimeException {
    public WindrowException(String message) {
        super(message);
    }

    public WindrowException(String message, Throwable cause) {
        super(message, cause);
    }
}

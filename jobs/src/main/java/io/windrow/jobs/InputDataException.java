package io.windrow.jobs;

/**
 * A failure caused by the input data rather than by the configuration: a missing or empty input
 * folder, a corrupt or truncated file, a column missing from a file, a value that does not parse
 * as its declared type, an earlier stage's output that is not there. Its message is one line
 * naming the table, config key and path or file; the launcher exits with {@link ExitCode#INPUT}.
 */
public class InputDataException extends WindrowException {
    public InputDataException(String message) {
        super(message);
    }

    public InputDataException(String message, Throwable cause) {
        super(message, cause);
    }
}

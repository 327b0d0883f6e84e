package io.windrow.jobs.serve;

/**
 * A request the service refuses with HTTP 400: a body that is not the expected JSON, a missing
 * column, a value of the wrong type, a NULL or negative order key. Its message is one line naming
 * the column; the service keeps serving.
 */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }

    BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.windrow.train;

/** The loss became NaN or infinite; the message names the step and the last good checkpoint. */
public final class TrainingDivergedException extends IllegalStateException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}

package io.calltracker.intake;

/** An intake message that can never become a tracked call. Its message is the dead-letter reason. */
public class RejectedIntakeException extends RuntimeException {
    public RejectedIntakeException(String reason) {
        super(reason, null, false, false);
    }
}

package io.calltracker.intake;

/** An intake message or status callback that can never become a tracked call. Its message is the reason given (dead-letter header, problem detail). */
public class RejectedIntakeException extends RuntimeException {
    public RejectedIntakeException(String reason) {
        super(reason, null, false, false);
    }
}

package io.calltracker.intake;

/**
 * An intake message or status callback that can never become a tracked call. Its message is the reason
 * given (dead-letter header, problem detail); its kind is the bounded name metrics and alerts use.
 */
public class RejectedIntakeException extends RuntimeException {

    private final RejectionKind kind;

    public RejectedIntakeException(RejectionKind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public RejectionKind kind() {
        return kind;
    }
}

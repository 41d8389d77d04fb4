package io.calltracker.archive;

/**
 * Why a copy did not complete, as a metric's reason and a message for the row's last_error. Messages name
 * statuses and exception classes, never the link (a credential). No stack trace: the reason is the news.
 */
class TransferFailure extends Exception {

    /** The link answered 403, 404 or 410: expired or revoked, a fresh one is needed. */
    static final String LINK_DEAD = "link_expired";
    /** The link answered another error, or the download broke off. */
    static final String SOURCE = "source_error";
    /** The bucket refused or could not be reached. */
    static final String STORAGE = "storage_error";
    /** The lease was lost to another instance (or an operator re-archived the call): stop, write nothing. */
    static final String CLAIM_LOST = "claim_lost";

    private final String reason;
    private final int httpStatus;

    TransferFailure(String reason, String message) {
        this(reason, message, 0);
    }

    TransferFailure(String reason, String message, int httpStatus) {
        super(message, null, false, false);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    String reason() {
        return reason;
    }

    int httpStatus() {
        return httpStatus;
    }
}

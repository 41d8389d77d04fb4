package io.calltracker.exotel;

/** The legs of a call, or why there are none. The legs API is Beta: its failure never blocks a record. */
public sealed interface LegsResult {

    /** What the account's gate learns from this answer. */
    AccountSignal signal();

    record Fetched(CallLegs legs) implements LegsResult {
        @Override
        public AccountSignal signal() {
            return AccountSignal.HEALTHY;
        }
    }

    /**
     * {@code reason} goes into call_record.legs_status, e.g. "unavailable: HTTP 404"; {@code signal} is
     * what the failure says about the account (a 429 or a 5xx concerns all its requests, a 404 does not).
     */
    record Unavailable(String reason, AccountSignal signal) implements LegsResult {

        /** No request was sent, or its answer says nothing about the account. */
        public Unavailable(String reason) {
            this(reason, AccountSignal.INCONCLUSIVE);
        }
    }
}

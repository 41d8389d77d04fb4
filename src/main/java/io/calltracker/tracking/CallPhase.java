package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;

import java.util.Locale;

/** Where a call is, as far as its last poll showed. */
public enum CallPhase {
    /** Not polled yet. */
    NEW,
    /** Exotel knows the call; it has not started (no start_time). */
    RINGING,
    /** Started, no end_time yet (the 1970 sentinel). */
    TALKING,
    /** Ended (real end_time) but still active: recordings and totals being processed. */
    POST_PROCESSING,
    /** Exotel answers 404 (just created, or unknown). */
    NOT_FOUND;

    public static CallPhase of(CallDetails details) {
        if (details.ended() != null) {
            return POST_PROCESSING;
        }
        return details.started() != null ? TALKING : RINGING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

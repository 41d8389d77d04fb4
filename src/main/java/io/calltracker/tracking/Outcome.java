package io.calltracker.tracking;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the tracking of a call ended. Every tracked call gets exactly one. */
public enum Outcome {
    /** Exotel reported the call terminal; the record is complete. */
    TERMINAL,
    /** Exotel kept answering 404 for longer than the not-found grace period. */
    NOT_FOUND,
    /** The call was not terminal at the maximum tracking age; the reason says what was seen last. */
    GAVE_UP,
    /** An operator stopped tracking the call (admin API); the reason says who or why. */
    CANCELLED,
    /**
     * Exotel's replies about the call could not be applied (unreadable, or refused on the way to the
     * record) for tracker.max-poll-failures polls in a row, or still at the maximum tracking age; the
     * reason says what failed, the record keeps the last reply as received.
     */
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

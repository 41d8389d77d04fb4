package io.calltracker.tracking;

import java.util.Locale;

/**
 * An observation that contradicts the model bulk end-detection rests on (issue 12, item 5): v1 lists a
 * call from the moment it ends, with {@code EndTime} empty until v3 turns terminal. The vendor does not
 * document this, so every sighting of something else is counted (tracker_bulk_model_contradictions_total).
 */
public enum ModelContradiction {

    /** v1 listed the call as ended and processed (EndTime filled), yet the v3 fetch it prompted says active. */
    LISTED_ACTIVE,

    /** A per-call v3 poll found a terminal call that a sweep asked about after its end without v1 listing it. */
    TERMINAL_UNLISTED,

    /** v1 first lists a call whose EndTime is older than an earlier sweep that asked about it and got nothing. */
    ENDED_UNLISTED;

    /** The {@code kind} label. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.exotelsim;

/** Where a simulated call is in its life, as far as the Call Details API lets a client see it. */
enum CallPhase {
    /** Dialling: no start time, the {@code end_time} sentinel. */
    RINGING,
    /** Connected (answered calls only). */
    TALKING,
    /** Hung up but still {@code active}: real {@code end_time}, while status, totals and recordings are pending. */
    POST_PROCESSING,
    /** Final: every field is filled in and will not change. */
    TERMINAL;

    boolean hasEnded() {
        return this == POST_PROCESSING || this == TERMINAL;
    }
}

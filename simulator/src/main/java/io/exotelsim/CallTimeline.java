package io.exotelsim;

import java.time.Duration;
import java.time.Instant;

/**
 * When a simulated call starts ringing, connects, hangs up and turns terminal. An unanswered call
 * has no talk time: its talking phase is empty and it ends when the ringing stops.
 *
 * @param invisible how long after creation Exotel still answers 404 for the new SID
 */
record CallTimeline(Instant created, Duration invisible, Duration ring, Duration talk, Duration postProcessing) {

    Instant visibleFrom() {
        return created.plus(invisible);
    }

    /** Exotel sets {@code start_time} when ringing stops, even for a call nobody picked up. */
    Instant started() {
        return created.plus(ring);
    }

    Instant ended() {
        return started().plus(talk);
    }

    Instant terminalAt() {
        return ended().plus(postProcessing);
    }

    CallPhase phaseAt(Instant now) {
        if (now.isBefore(started())) {
            return CallPhase.RINGING;
        }
        if (now.isBefore(ended())) {
            return CallPhase.TALKING;
        }
        if (now.isBefore(terminalAt())) {
            return CallPhase.POST_PROCESSING;
        }
        return CallPhase.TERMINAL;
    }

    /** The moment the call entered {@code phase}: what Exotel reports as {@code updated_time}. */
    Instant phaseStart(CallPhase phase) {
        return switch (phase) {
            case RINGING -> created;
            case TALKING -> started();
            case POST_PROCESSING -> ended();
            case TERMINAL -> terminalAt();
        };
    }
}

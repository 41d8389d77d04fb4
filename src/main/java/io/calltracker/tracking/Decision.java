package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;

import java.time.Instant;

/** What to do with a claimed call after one poll. */
public sealed interface Decision {

    /**
     * Not finished: poll again at {@code at}. {@code phase} is null when this poll did not reach Exotel.
     * {@code unapplied} is true when the reply could not be applied (it counts toward max-poll-failures).
     */
    record PollAgain(Instant at, CallPhase phase, Instant firstNotFoundAt, String error, boolean unapplied)
            implements Decision {

        public PollAgain(Instant at, CallPhase phase, Instant firstNotFoundAt, String error) {
            this(at, phase, firstNotFoundAt, error, false);
        }
    }

    /** Finished: store the record and publish the event. Details are null when Exotel never showed the call. */
    record Finish(Outcome outcome, String reason, CallDetails details, String rawJson) implements Decision {
    }
}

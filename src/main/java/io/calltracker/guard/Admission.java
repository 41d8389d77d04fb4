package io.calltracker.guard;

import java.time.Instant;

/** Whether a request to an account may be sent now, and if not, why and when to try again. */
record Admission(boolean granted, String reason, Instant retryAt) {

    static Admission grant() {
        return new Admission(true, null, null);
    }

    static Admission deny(String reason, Instant retryAt) {
        return new Admission(false, reason, retryAt);
    }
}

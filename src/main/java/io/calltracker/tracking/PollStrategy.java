package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to look at an unfinished call again, given what the last poll showed. Faults (5xx, 429,
 * timeouts) are not its business: those always back off exponentially.
 */
public interface PollStrategy {

    /** @param details what Exotel showed, or null when it answered 404 */
    Duration nextDelay(Claim claim, CallDetails details, Instant now);

    /** Learns from a call that became terminal (e.g. how long post-processing took). */
    default void observeTerminal(String accountSid, CallDetails details) {
    }

    /**
     * Choice of strategy, {@code tracker.poll-strategy}. Fixed is the default, the measured best of the three
     * on {@code make bench}'s workload; exponential is a baseline there.
     */
    enum Kind {
        ADAPTIVE, EXPONENTIAL, FIXED
    }

    /** @param period how often {@link Kind#FIXED} polls ({@code tracker.poll-interval}) */
    static PollStrategy of(Kind kind, BackoffPolicy backoff, Duration period) {
        return switch (kind) {
            case FIXED -> (claim, details, now) -> period;
            case EXPONENTIAL -> new ExponentialStrategy(backoff);
            case ADAPTIVE -> new AdaptiveStrategy(backoff.minInterval(), backoff.maxInterval());
        };
    }

    /** Plain exponential backoff with full jitter, whatever the call's phase. */
    record ExponentialStrategy(BackoffPolicy backoff) implements PollStrategy {
        @Override
        public Duration nextDelay(Claim claim, CallDetails details, Instant now) {
            return backoff.delay(claim.backoffAttempt(), ThreadLocalRandom.current());
        }
    }
}

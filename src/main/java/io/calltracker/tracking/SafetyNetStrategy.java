package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * For calls the bulk sweep watches: the sweep says when a call has ended, so per-call polls are only a
 * safety net, spaced {@code interval} apart (±10 % so calls that arrived together spread out). A 404
 * is not the sweep's business (v1 never lists unknown SIDs): it keeps the per-call strategy's pace, so
 * the not-found grace runs as usual.
 */
record SafetyNetStrategy(Duration interval, PollStrategy perCall) implements PollStrategy {

    @Override
    public Duration nextDelay(Claim claim, CallDetails details, Instant now) {
        if (details == null) {
            return perCall.nextDelay(claim, null, now);
        }
        double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (interval.toMillis() * jitter));
    }

    @Override
    public void observeTerminal(String accountSid, CallDetails details) {
        perCall.observeTerminal(accountSid, details);
    }
}

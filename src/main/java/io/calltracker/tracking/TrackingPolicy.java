package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.PollResult;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Decides, from one poll's result, whether a call is finished and when to look again. Plain Java:
 * every rule of the schedule is here and unit-tested, nothing of it in the I/O code.
 */
public final class TrackingPolicy {

    private final BackoffPolicy backoff;
    private final Duration notFoundGrace;
    private final Duration maxTrackingAge;
    private final RandomGenerator random;

    public TrackingPolicy(BackoffPolicy backoff, Duration notFoundGrace, Duration maxTrackingAge, RandomGenerator random) {
        this.backoff = backoff;
        this.notFoundGrace = notFoundGrace;
        this.maxTrackingAge = maxTrackingAge;
        this.random = random;
    }

    public Decision decide(Claim claim, PollResult result, Instant now) {
        if (result instanceof PollResult.Found found && found.details().isTerminal()) {
            return new Decision.Finish(Outcome.TERMINAL, null, found.details(), found.rawJson());
        }
        boolean tooOld = !now.isBefore(claim.firstSeenAt().plus(maxTrackingAge));
        if (result instanceof PollResult.Found found) {
            return tooOld
                    ? giveUp("still " + describe(found.details()) + " after " + maxTrackingAge, found)
                    : pollAgain(claim, now, CallPhase.of(found.details()), null, null, null);
        }
        if (result instanceof PollResult.NotFound) {
            return afterNotFound(claim, now, tooOld);
        }
        if (result instanceof PollResult.Unauthorized unauthorized) {
            return tooOld
                    ? giveUp("credentials rejected (HTTP " + unauthorized.httpStatus() + ") until " + maxTrackingAge, null)
                    : pollAgain(claim, now, null, null, "HTTP " + unauthorized.httpStatus(), null);
        }
        if (result instanceof PollResult.RateLimited limited) {
            return tooOld
                    ? giveUp("rate limited by Exotel (HTTP 429) at " + maxTrackingAge, null)
                    : pollAgain(claim, now, null, null, "HTTP 429", limited.retryAfter());
        }
        PollResult.Unavailable unavailable = (PollResult.Unavailable) result;
        return tooOld
                ? giveUp("API unavailable (" + unavailable.reason() + ") at " + maxTrackingAge, null)
                : pollAgain(claim, now, null, null, unavailable.reason(), unavailable.retryAfter());
    }

    private Decision afterNotFound(Claim claim, Instant now, boolean tooOld) {
        Instant since = claim.firstNotFoundAt() == null ? now : claim.firstNotFoundAt();
        if (!now.isBefore(since.plus(notFoundGrace))) {
            return new Decision.Finish(Outcome.NOT_FOUND, "HTTP 404 for " + notFoundGrace, null, null);
        }
        if (tooOld) {
            return giveUp("HTTP 404 at " + maxTrackingAge, null);
        }
        return pollAgain(claim, now, CallPhase.NOT_FOUND, since, "HTTP 404", null);
    }

    private Decision pollAgain(Claim claim, Instant now, CallPhase phase, Instant firstNotFoundAt, String error,
                               Duration retryAfter) {
        Instant at = now.plus(backoff.delay(claim.backoffAttempt(), random));
        if (retryAfter != null && at.isBefore(now.plus(retryAfter))) {
            at = now.plus(retryAfter);
        }
        return new Decision.PollAgain(at, phase, firstNotFoundAt, error);
    }

    private static Decision giveUp(String reason, PollResult.Found lastSeen) {
        return lastSeen == null
                ? new Decision.Finish(Outcome.GAVE_UP, reason, null, null)
                : new Decision.Finish(Outcome.GAVE_UP, reason, lastSeen.details(), lastSeen.rawJson());
    }

    private static String describe(CallDetails details) {
        return details.ended() != null ? "active with an end_time (post-processing)" : "active";
    }
}

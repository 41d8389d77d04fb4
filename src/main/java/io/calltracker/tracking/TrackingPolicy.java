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
    private final PollStrategy strategy;
    private final Duration notFoundGrace;
    private final Duration maxTrackingAge;
    private final int maxPollFailures;
    private final RandomGenerator random;

    public TrackingPolicy(BackoffPolicy backoff, PollStrategy strategy, Duration notFoundGrace, Duration maxTrackingAge,
                          int maxPollFailures, RandomGenerator random) {
        this.backoff = backoff;
        this.strategy = strategy;
        this.notFoundGrace = notFoundGrace;
        this.maxTrackingAge = maxTrackingAge;
        this.maxPollFailures = maxPollFailures;
        this.random = random;
    }

    /** The same rules with another strategy for unfinished calls (e.g. the safety net of swept calls). */
    public TrackingPolicy withStrategy(PollStrategy other) {
        return new TrackingPolicy(backoff, other, notFoundGrace, maxTrackingAge, maxPollFailures, random);
    }

    /**
     * A poll whose reply could not be applied (unreadable, or refused on its way to the record). Such a
     * reply tends to come back the same on every poll, so it is retried with backoff only
     * {@code maxPollFailures} times in a row, and never past the maximum tracking age: then the call
     * ends {@code failed}, keeping the last reply (if any) as its raw record.
     */
    public Decision unapplied(Claim claim, String reason, String rawReply, Instant now) {
        int failures = claim.pollFailures() + 1;
        if (failures >= maxPollFailures || tooOld(claim, now)) {
            return new Decision.Finish(Outcome.FAILED, reason + " (" + failures + " poll" + (failures == 1 ? "" : "s")
                    + " in a row)", null, rawReply);
        }
        Decision.PollAgain retry = afterFault(claim, now, reason, null);
        return new Decision.PollAgain(retry.at(), retry.phase(), retry.firstNotFoundAt(), reason, true);
    }

    private boolean tooOld(Claim claim, Instant now) {
        return !now.isBefore(claim.firstSeenAt().plus(maxTrackingAge));
    }

    public Decision decide(Claim claim, PollResult result, Instant now) {
        if (result instanceof PollResult.Found found && found.details().isTerminal()) {
            strategy.observeTerminal(claim.accountSid(), found.details());
            return new Decision.Finish(Outcome.TERMINAL, null, found.details(), found.rawJson());
        }
        if (result instanceof PollResult.Unusable unusable) {
            return unapplied(claim, unusable.reason(), unusable.body(), now);
        }
        boolean tooOld = tooOld(claim, now);
        if (result instanceof PollResult.Found found) {
            return tooOld
                    ? giveUp("still " + describe(found.details()) + " after " + maxTrackingAge, found)
                    : new Decision.PollAgain(now.plus(strategy.nextDelay(claim, found.details(), now)),
                            CallPhase.of(found.details()), null, null);
        }
        if (result instanceof PollResult.NotFound) {
            return afterNotFound(claim, now, tooOld);
        }
        if (result instanceof PollResult.Unauthorized unauthorized) {
            return tooOld
                    ? giveUp("credentials rejected (HTTP " + unauthorized.httpStatus() + ") until " + maxTrackingAge, null)
                    : afterFault(claim, now, "HTTP " + unauthorized.httpStatus(), null);
        }
        if (result instanceof PollResult.RateLimited limited) {
            return tooOld
                    ? giveUp("rate limited by Exotel (HTTP 429) at " + maxTrackingAge, null)
                    : afterFault(claim, now, "HTTP 429", limited.retryAfter());
        }
        if (!(result instanceof PollResult.Unavailable unavailable)) {
            throw new IllegalArgumentException("not an answer about one call: " + result.getClass().getSimpleName());
        }
        return tooOld
                ? giveUp("API unavailable (" + unavailable.reason() + ") at " + maxTrackingAge, null)
                : afterFault(claim, now, unavailable.reason(), unavailable.retryAfter());
    }

    private Decision afterNotFound(Claim claim, Instant now, boolean tooOld) {
        Instant since = claim.firstNotFoundAt() == null ? now : claim.firstNotFoundAt();
        if (!now.isBefore(since.plus(notFoundGrace))) {
            return new Decision.Finish(Outcome.NOT_FOUND, "HTTP 404 for " + notFoundGrace, null, null);
        }
        if (tooOld) {
            return giveUp("HTTP 404 at " + maxTrackingAge, null);
        }
        return new Decision.PollAgain(now.plus(strategy.nextDelay(claim, null, now)), CallPhase.NOT_FOUND, since, "HTTP 404");
    }

    /** A poll that did not reach a verdict: back off exponentially, no sooner than Retry-After; the phase stays. */
    private Decision.PollAgain afterFault(Claim claim, Instant now, String error, Duration retryAfter) {
        Instant at = now.plus(backoff.delay(claim.backoffAttempt(), random));
        if (retryAfter != null && at.isBefore(now.plus(retryAfter))) {
            at = now.plus(retryAfter);
        }
        return new Decision.PollAgain(at, null, claim.firstNotFoundAt(), error);
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

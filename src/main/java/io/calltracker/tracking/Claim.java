package io.calltracker.tracking;

import java.time.Instant;

/**
 * A due call this instance owns until its lease ends. {@code claimToken} fences writes: once the
 * lease lapsed and another instance claimed the call, this claim can no longer change the row.
 * {@code pollFailures} counts the polls in a row whose reply could not be applied. For the bulk model
 * check ({@link ModelWatch}): {@code listedBefore}, whether the call's end had been seen when it was
 * claimed (v1 listed it, or v3 showed post-processing), and {@code sweptAt}, when a sweep last asked
 * about it (null: never).
 */
public record Claim(
        String callSid,
        String accountSid,
        long claimToken,
        Instant firstSeenAt,
        int pollCount,
        int backoffAttempt,
        Instant firstNotFoundAt,
        String metadataJson,
        int pollFailures,
        boolean listedBefore,
        Instant sweptAt) {

    /** A claim of a call no sweep has asked about. */
    public Claim(String callSid, String accountSid, long claimToken, Instant firstSeenAt, int pollCount,
                 int backoffAttempt, Instant firstNotFoundAt, String metadataJson, int pollFailures) {
        this(callSid, accountSid, claimToken, firstSeenAt, pollCount, backoffAttempt, firstNotFoundAt, metadataJson,
                pollFailures, false, null);
    }
}

package io.calltracker.tracking;

import java.time.Instant;

/**
 * A due call this instance owns until its lease ends. {@code claimToken} fences writes: once the
 * lease lapsed and another instance claimed the call, this claim can no longer change the row.
 * {@code pollFailures} counts the polls in a row whose reply could not be applied.
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
        int pollFailures) {
}

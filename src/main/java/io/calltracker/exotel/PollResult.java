package io.calltracker.exotel;

import java.time.Duration;
import java.util.List;

/**
 * What one request to Exotel told us: a Call Details request about one call, or (the last two) a
 * Bulk Call Details probe about many. Faults are shared, so the account's gate learns from both alike.
 */
public sealed interface PollResult {

    /** Exotel knows the call; {@code rawJson} is the body exactly as received. */
    record Found(CallDetails details, String rawJson) implements PollResult {
    }

    /** 404: unknown call — or one created moments ago that Exotel does not show yet. */
    record NotFound() implements PollResult {
    }

    /** 401/403: the account's credentials are wrong or revoked. */
    record Unauthorized(int httpStatus) implements PollResult {
    }

    /** 429: the account's request budget at Exotel is spent. {@code retryAfter} is null when Exotel sent none. */
    record RateLimited(Duration retryAfter) implements PollResult {
    }

    /**
     * No usable answer (5xx, timeout, unparseable body); try again later.
     * {@code retryAfter} is the server's Retry-After, or null when it sent none.
     */
    record Unavailable(String reason, Duration retryAfter) implements PollResult {
    }

    /**
     * HTTP 200 whose body is not a readable {@code call_details} (not JSON, beyond the parser's limits,
     * no call_details object). The reply, not the API, is at fault: the call counts it toward
     * {@code tracker.max-poll-failures}. {@code body} is the reply as received.
     */
    record Unusable(String reason, String body) implements PollResult {
    }

    /** v1 Bulk Call Details answered: these of the SIDs asked about have ended (ongoing ones are left out). */
    record Ended(List<V1Calls.Call> calls) implements PollResult {
    }

    /** 401/403/404 from v1: the account cannot use Bulk Call Details; not a credentials problem of v3. */
    record BulkUnsupported(int httpStatus) implements PollResult {
    }
}

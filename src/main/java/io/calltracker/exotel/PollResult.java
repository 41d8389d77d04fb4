package io.calltracker.exotel;

import java.time.Duration;

/** What one Call Details request told us about a call. */
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
}

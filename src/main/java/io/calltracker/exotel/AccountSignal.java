package io.calltracker.exotel;

import java.time.Duration;

/**
 * What one answer of Exotel says about the account's API as a whole, whatever the endpoint asked:
 * what the account's gate learns from. Every request goes through the gate, so a 429 or a fault on
 * any endpoint (call details, legs, bulk) slows or stops them all.
 */
public sealed interface AccountSignal {

    /** A normal answer: the credentials work and Exotel did not ask to slow down. */
    AccountSignal HEALTHY = new Healthy();
    /**
     * An answer that says nothing about the account as a whole, such as a 404 from an API the vendor
     * enables per account (legs, v1): neither a fault nor proof that the credentials work.
     */
    AccountSignal INCONCLUSIVE = new Inconclusive();

    record Healthy() implements AccountSignal {
    }

    record Inconclusive() implements AccountSignal {
    }

    /** 429; {@code retryAfter} (already capped) is null when Exotel sent none. */
    record RateLimited(Duration retryAfter) implements AccountSignal {
    }

    /** 401/403 from the account's main API: its credentials are wrong or revoked. */
    record Unauthorized(int httpStatus) implements AccountSignal {
    }

    /** 5xx, a timeout, an unusable body: counts against the account's circuit breaker. */
    record Fault(String reason) implements AccountSignal {
    }

    /** A Call Details or Bulk Call Details answer. v1 refusing an account is not about its v3 credentials. */
    public static AccountSignal of(PollResult result) {
        if (result instanceof PollResult.RateLimited limited) {
            return new RateLimited(limited.retryAfter());
        }
        if (result instanceof PollResult.Unauthorized unauthorized) {
            return new Unauthorized(unauthorized.httpStatus());
        }
        if (result instanceof PollResult.Unavailable unavailable) {
            return new Fault(unavailable.reason());
        }
        return result instanceof PollResult.BulkUnsupported ? INCONCLUSIVE : HEALTHY;
    }
}

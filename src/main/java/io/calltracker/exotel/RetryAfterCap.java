package io.calltracker.exotel;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ceiling on a Retry-After (exotel.retry-after-cap), applied to every answer before it leaves the
 * client, so the gate, the account's shared block, the per-call backoff and the bulk sweep all see
 * the same bounded wait. A value in milliseconds by mistake, or from a proxy, would otherwise stop an
 * account for weeks.
 */
final class RetryAfterCap {

    private static final Logger LOG = Logger.getLogger(RetryAfterCap.class);

    private final Duration cap;
    /** Accounts already warned about: one WARN per account and process, not one per 429. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    RetryAfterCap(Duration cap) {
        this.cap = cap;
    }

    /** @return {@code retryAfter} at most the cap; null stays null (no Retry-After sent) */
    Duration limit(String accountSid, Duration retryAfter) {
        if (retryAfter == null || retryAfter.compareTo(cap) <= 0) {
            return retryAfter;
        }
        if (warned.add(accountSid)) {
            // The parsed wait only: the header's raw text is the sender's and could be anything.
            LOG.warnf("account %s: Exotel asked to wait %s (Retry-After), more than exotel.retry-after-cap; waiting %s."
                    + " Further capped values for this account are logged at DEBUG", accountSid, describe(retryAfter), cap);
        } else {
            LOG.debugf("account %s: Retry-After of %s capped to %s", accountSid, describe(retryAfter), cap);
        }
        return cap;
    }

    /** The same answer with its Retry-After capped. */
    PollResult limit(String accountSid, PollResult result) {
        if (result instanceof PollResult.RateLimited limited && limited.retryAfter() != null) {
            return new PollResult.RateLimited(limit(accountSid, limited.retryAfter()));
        }
        if (result instanceof PollResult.Unavailable unavailable && unavailable.retryAfter() != null) {
            return new PollResult.Unavailable(unavailable.reason(), limit(accountSid, unavailable.retryAfter()));
        }
        return result;
    }

    /** Whole seconds: Duration's own text of a saturated value (PT2562047788015215H30M7S) helps nobody. */
    private static String describe(Duration wait) {
        return wait.getSeconds() + " s";
    }
}

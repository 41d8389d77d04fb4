package io.calltracker.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remembers each Retry-After the simulator has sent, per account, and counts the requests that
 * arrive before it expires: the figure that shows whether a client honours Retry-After.
 */
final class RetryAfterWindows {

    private final Map<String, Instant> openUntil = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> inside = new ConcurrentHashMap<>();

    /** Counts the request when it arrives inside the account's window. */
    void observe(String accountSid, Instant now) {
        Instant until = openUntil.get(accountSid);
        if (until != null && now.isBefore(until)) {
            inside.computeIfAbsent(accountSid, sid -> new LongAdder()).increment();
        }
    }

    void opened(String accountSid, Instant now, int retryAfterSeconds) {
        Instant until = now.plusSeconds(retryAfterSeconds);
        openUntil.merge(accountSid, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    long insideWindows(String accountSid) {
        LongAdder count = inside.get(accountSid);
        return count == null ? 0 : count.sum();
    }

    void clear() {
        openUntil.clear();
        inside.clear();
    }
}

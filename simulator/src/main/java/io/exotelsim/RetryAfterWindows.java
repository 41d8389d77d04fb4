package io.exotelsim;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remembers each Retry-After the simulator has sent, per account, and counts the requests that
 * arrive before it expires: the figure that shows whether a client honours Retry-After. A request
 * arriving within {@link #IN_FLIGHT_ALLOWANCE} of the 429 was already on the wire when the client
 * got the answer, so it is not held against the client.
 */
final class RetryAfterWindows {

    static final Duration IN_FLIGHT_ALLOWANCE = Duration.ofMillis(250);

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> inside = new ConcurrentHashMap<>();

    /** Counts the request when it arrives inside the account's window. */
    void observe(String accountSid, Instant now) {
        Window window = windows.get(accountSid);
        if (window != null && now.isAfter(window.from()) && now.isBefore(window.until())) {
            inside.computeIfAbsent(accountSid, sid -> new LongAdder()).increment();
        }
    }

    void opened(String accountSid, Instant now, int retryAfterSeconds) {
        Window opened = new Window(now.plus(IN_FLIGHT_ALLOWANCE), now.plusSeconds(retryAfterSeconds));
        windows.merge(accountSid, opened, (a, b) -> a.until().isAfter(b.until()) ? a : b);
    }

    long insideWindows(String accountSid) {
        LongAdder count = inside.get(accountSid);
        return count == null ? 0 : count.sum();
    }

    private record Window(Instant from, Instant until) {
    }

    void clear() {
        windows.clear();
        inside.clear();
    }
}

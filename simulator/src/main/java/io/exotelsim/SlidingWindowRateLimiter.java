package io.exotelsim;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Exotel's per-account budget ("200 calls per minute"), as a sliding 60 s window of one-second
 * buckets: O(1) amortised per request and O(1) memory per account, however hard a benchmark pushes.
 * Only admitted requests use up the budget; every request, admitted or not, counts toward the
 * account's peak, which is the load the client really produced.
 */
final class SlidingWindowRateLimiter {

    /** @param retryAfterSeconds for a rejection, whole seconds until the window frees a slot (at least 1) */
    record Decision(boolean admitted, int retryAfterSeconds) {
        static final Decision ADMITTED = new Decision(true, 0);
    }

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** @param limitPerMinute 0 means unlimited */
    Decision tryAcquire(String account, Instant now, int limitPerMinute) {
        long second = now.getEpochSecond();
        return windows.computeIfAbsent(account, a -> new Window(second)).tryAcquire(second, limitPerMinute);
    }

    /** The most requests seen in any 60 s window so far, rejected ones included. */
    long peakPerMinute(String account) {
        Window window = windows.get(account);
        return window == null ? 0 : window.peak();
    }

    void clear() {
        windows.clear();
    }

    private static final class Window {
        private static final int SECONDS = 60;

        private final int[] admitted = new int[SECONDS];
        private final int[] seen = new int[SECONDS];
        private long newestSecond;
        private int admittedInWindow;
        private int seenInWindow;
        private int peak;

        Window(long firstSecond) {
            newestSecond = firstSecond;
        }

        synchronized Decision tryAcquire(long second, int limit) {
            slideTo(second);
            // A thread that read the clock just before another may get the lock just after it: such a
            // request is counted in the newest second rather than sent back in time.
            int bucket = bucket(newestSecond);
            seen[bucket]++;
            seenInWindow++;
            peak = Math.max(peak, seenInWindow);
            if (limit > 0 && admittedInWindow >= limit) {
                return new Decision(false, secondsUntilOldestAdmittedExpires());
            }
            admitted[bucket]++;
            admittedInWindow++;
            return Decision.ADMITTED;
        }

        synchronized long peak() {
            return peak;
        }

        /** Empties the buckets of the seconds that have fallen out of [second - 59, second]. */
        private void slideTo(long second) {
            if (second <= newestSecond) {
                return;
            }
            long firstStale = Math.max(newestSecond + 1, second - SECONDS + 1);
            for (long s = firstStale; s <= second; s++) {
                int bucket = bucket(s);
                admittedInWindow -= admitted[bucket];
                seenInWindow -= seen[bucket];
                admitted[bucket] = 0;
                seen[bucket] = 0;
            }
            newestSecond = second;
        }

        /** The window is full, so some second in it admitted a request; its bucket expires 60 s later. */
        private int secondsUntilOldestAdmittedExpires() {
            long oldest = newestSecond - SECONDS + 1;
            while (oldest < newestSecond && admitted[bucket(oldest)] == 0) {
                oldest++;
            }
            return (int) (oldest + SECONDS - newestSecond);
        }

        private static int bucket(long second) {
            return (int) Math.floorMod(second, SECONDS);
        }
    }
}

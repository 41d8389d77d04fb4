package io.calltracker.tracking;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a claim's request inside its lease. Claims of one round wait in the poller queue; a poll sent
 * after its lease lapsed may run beside another instance's poll of the same call. So a round claims
 * only what the instance can send within the lease — each of {@code concurrency} threads can finish
 * lease ÷ request-time requests, request time being the worst case of one (connect + read timeout) —
 * and a claim is sent only while its reply can still arrive before the lease ends.
 */
record LeaseBudget(Duration lease, Duration requestTime, int concurrency) {

    /** At most {@code batchSize}, at least one. */
    int claimLimit(int batchSize) {
        long perThread = lease.toMillis() / Math.max(1, requestTime.toMillis());
        long fits = perThread * concurrency;
        return (int) Math.max(1, Math.min(batchSize, fits));
    }

    /** Whether a request sent {@code now} can be answered before {@code leaseEnd}. */
    boolean timeLeft(Instant leaseEnd, Instant now) {
        return !now.plus(requestTime).isAfter(leaseEnd);
    }
}

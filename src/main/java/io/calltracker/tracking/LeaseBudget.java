package io.calltracker.tracking;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a claim's request inside its lease. Claims of one round wait in the poller queue; a poll sent
 * after its lease lapsed may run beside another instance's poll of the same call. So a round claims
 * only what the instance can send within the lease — each of {@code concurrency} threads can finish
 * lease ÷ request-time requests, request time being the worst case of one (connect + read timeout),
 * and at least one — and a claim is sent only while its reply can still arrive before the lease ends.
 * A lease shorter than one worst-case request (a configuration for quick hand-over, as in tests) keeps
 * half the lease as that margin instead, so such a setting slows nothing down to a halt.
 *
 * @param claimLimit most calls one claim round takes
 * @param margin     how much of its lease a claim must have left when its request is sent
 */
record LeaseBudget(int claimLimit, Duration margin) {

    /** Both figures follow from configuration alone, so they are worked out once, not per round or per claim. */
    static LeaseBudget of(Duration lease, Duration requestTime, int concurrency, int batchSize) {
        long perThread = Math.max(1, lease.toMillis() / Math.max(1, requestTime.toMillis()));
        int claimLimit = (int) Math.max(1, Math.min(batchSize, perThread * concurrency));
        Duration half = lease.dividedBy(2);
        return new LeaseBudget(claimLimit, requestTime.compareTo(half) < 0 ? requestTime : half);
    }

    /** Whether a request sent {@code now} can be answered before {@code leaseEnd}. */
    boolean timeLeft(Instant leaseEnd, Instant now) {
        return !now.plus(margin).isAfter(leaseEnd);
    }
}

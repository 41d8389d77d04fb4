package io.calltracker.tracking;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the n-th wait is uniform in [0, min(max, min·2ⁿ)], floored at min. Jitter spreads the polls of
 * calls that arrived together, so a burst of intake never becomes a burst of requests.
 */
public record BackoffPolicy(Duration minInterval, Duration maxInterval) {

    public BackoffPolicy {
        if (minInterval.isNegative() || minInterval.isZero() || maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("need 0 < min interval <= max interval, got " + minInterval + " and " + maxInterval);
        }
    }

    public Duration delay(int attempt, RandomGenerator random) {
        long min = minInterval.toMillis();
        long max = maxInterval.toMillis();
        // In double arithmetic a large attempt saturates to infinity instead of overflowing.
        long cap = (long) Math.min(max, min * Math.pow(2, attempt));
        long jittered = random.nextLong(cap + 1);
        return Duration.ofMillis(Math.max(min, jittered));
    }
}

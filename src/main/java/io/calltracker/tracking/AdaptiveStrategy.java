package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Places polls by phase. Ringing and talking calls have heavy-tailed lengths, so the time still to
 * go grows with the time already spent: wait half the call's age (between the bounds). Once a call
 * has a real end_time it is only post-processing: wait until the account's typical post-processing
 * delay (learned online) has passed, then poll at half the time since the end.
 */
public final class AdaptiveStrategy implements PollStrategy {

    private static final double AGE_FRACTION = 0.5;
    private static final Duration FIRST_GUESS_POST_PROCESSING = Duration.ofSeconds(30);

    private final Duration min;
    private final Duration max;
    private final Map<String, OnlineMedian> postProcessing = new ConcurrentHashMap<>();

    public AdaptiveStrategy(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Duration nextDelay(Claim claim, CallDetails details, Instant now) {
        if (details == null) {
            return min;
        }
        OffsetDateTime end = details.ended();
        if (end != null) {
            Duration sinceEnd = Duration.between(end.toInstant(), now);
            Duration typical = typicalPostProcessing(claim.accountSid());
            return sinceEnd.compareTo(typical) < 0 ? bounded(typical.minus(sinceEnd)) : bounded(fraction(sinceEnd));
        }
        OffsetDateTime start = details.started() != null ? details.started() : details.created();
        Instant anchor = start != null ? start.toInstant() : claim.firstSeenAt();
        return bounded(fraction(Duration.between(anchor, now)));
    }

    @Override
    public void observeTerminal(String accountSid, CallDetails details) {
        if (details.ended() != null && details.updated() != null) {
            Duration delay = Duration.between(details.ended(), details.updated());
            if (!delay.isNegative()) {
                postProcessing.computeIfAbsent(accountSid, sid -> new OnlineMedian(FIRST_GUESS_POST_PROCESSING.toMillis()))
                        .observe(Math.max(1, delay.toMillis()));
            }
        }
    }

    Duration typicalPostProcessing(String accountSid) {
        OnlineMedian median = postProcessing.get(accountSid);
        return median == null ? FIRST_GUESS_POST_PROCESSING : Duration.ofMillis(median.estimate());
    }

    private static Duration fraction(Duration d) {
        return Duration.ofMillis((long) (Math.max(0, d.toMillis()) * AGE_FRACTION));
    }

    /** ±10 % jitter so calls that arrived together spread out, then the bounds. */
    private Duration bounded(Duration d) {
        double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        long millis = (long) (d.toMillis() * jitter);
        return Duration.ofMillis(Math.max(min.toMillis(), Math.min(max.toMillis(), millis)));
    }

    /**
     * A running median in constant memory: step up when a sample is above the estimate, down when
     * below, by a fixed ratio (a stochastic-approximation quantile estimator on the log scale).
     */
    static final class OnlineMedian {
        private static final double STEP = 1.05;
        private double estimate;

        OnlineMedian(double initial) {
            this.estimate = initial;
        }

        synchronized void observe(double sample) {
            estimate = sample > estimate ? estimate * STEP : estimate / STEP;
        }

        synchronized long estimate() {
            return (long) estimate;
        }
    }
}

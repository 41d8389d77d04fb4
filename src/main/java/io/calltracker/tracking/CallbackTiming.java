package io.calltracker.tracking;

import io.calltracker.exotel.CallDetails;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a status callback means for when to look at its call, learned per account. Exotel documents the
 * callback "when the call ends"; v3 turns terminal only once post-processing is over (5 s to 15 min in
 * the simulator's model), so a callback may come before the record is ready or, as some integrators
 * see it, only once it is. The callback's {@code EndTime} says when the call ended; the account's
 * learned post-processing delay says when it can be terminal at the earliest:
 * <ul>
 *   <li>a callback arriving at least that long after its end (the terminal moment, or a late callback)
 *       is worth a v3 request now: {@link Hint.PollNow};</li>
 *   <li>one arriving earlier (the end moment) would only find the call {@code active}: the call is marked
 *       ended and looked at from {@code end + earliest} on, by the post-processing sweep or by the
 *       per-call schedule: {@link Hint.AwaitProcessing}.</li>
 * </ul>
 * Nothing here finishes a call: only a terminal v3 reply does. A callback without a readable EndTime,
 * or one claiming an end in the future, is treated as today's plain hint (poll now), so a lying
 * callback costs at most the one request it always cost. Duplicates of a callback this instance
 * already acted on cost nothing ({@link Hint.Duplicate}). Pure rules on the times passed in; the
 * state is per instance, like the adaptive strategy's, each instance learning from its own polls.
 */
@ApplicationScoped
public class CallbackTiming {

    /** The share of calls allowed to be terminal before the first look: the quantile learned. */
    static final double EARLY_QUANTILE = 0.1;
    /** An EndTime this far ahead of our clock is a lie, not skew. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(1);
    /** How long a callback is remembered for telling its duplicates apart, and how many at most. */
    static final Duration DUPLICATE_WINDOW = Duration.ofHours(1);
    static final int DUPLICATE_MEMORY = 100_000;
    /** Samples learned from callbacks before they are preferred to v3's timestamps. */
    static final int TRUSTED_SAMPLES = 5;
    /**
     * Weight of the newest callback in the share of early ones: the last handful decide, so an account whose
     * callbacks change moment (a vendor-side change) is followed within a few calls.
     */
    private static final double EARLY_WEIGHT = 0.2;

    /** What to do with a callback's call. */
    public sealed interface Hint {
        /** Poll now: the call may well be terminal. */
        record PollNow() implements Hint {
        }

        /** The call has ended and cannot be terminal before {@code lookAt}: do not spend a v3 request before. */
        record AwaitProcessing(Instant endedAt, Instant lookAt) implements Hint {
        }

        /** This instance acted on a callback for the call already: nothing more to do. */
        record Duplicate() implements Hint {
        }
    }

    /** Learned from calls whose callback gave their EndTime: detection on our clock − EndTime. */
    private final Map<String, LowQuantile> fromCallbacks = new ConcurrentHashMap<>();
    /** Learned from v3's own times, for accounts without (enough) callbacks. */
    private final Map<String, LowQuantile> fromDetails = new ConcurrentHashMap<>();
    private final Map<String, Double> earlyShare = new ConcurrentHashMap<>();
    /** Callbacks acted on, by SID, in arrival order: for telling duplicates apart and learning from their EndTime. */
    private final Map<String, Heard> recent = new LinkedHashMap<>(16, 0.75f, false);

    /** @param endedAt the callback's EndTime, null without */
    private record Heard(Instant at, Instant endedAt) {
    }

    /**
     * @param endedAt the callback's EndTime, null when it has none or it is unreadable
     * @param now     when the callback arrived
     */
    public Hint hint(String accountSid, String callSid, Instant endedAt, Instant now) {
        if (!firstHint(callSid, new Heard(now, endedAt))) {
            return new Hint.Duplicate();
        }
        if (endedAt == null || endedAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
            return new Hint.PollNow();
        }
        Instant lookAt = endedAt.plus(earliestTerminal(accountSid));
        boolean early = now.isBefore(lookAt);
        earlyShare.merge(accountSid, early ? 1.0 : 0.0, (old, sample) -> old + EARLY_WEIGHT * (sample - old));
        return early ? new Hint.AwaitProcessing(endedAt, lookAt) : new Hint.PollNow();
    }

    /**
     * Whether the account's callbacks mostly come before its calls can be terminal (the end moment): then
     * ended calls are worth a short post-processing sweep, else callbacks make them due on their own.
     */
    public boolean callbacksComeEarly(String accountSid) {
        return earlyShare.getOrDefault(accountSid, 0.0) > 0.5;
    }

    /**
     * Learns from a call found terminal at {@code detectedAt} how long post-processing lasts: from its end
     * to the terminal moment, which the tracker sees only at the granularity of its looks (the detection is
     * an upper bound, late by up to one look: the post-processing sweep's interval, or a callback's delay).
     * Where the call's callback gave its EndTime, detection on our clock − EndTime; this bound is what the
     * callbacks' rule needs (when will a look find the call terminal), and it does not depend on v3's
     * timestamps, which have whole seconds and, on the vendor's page, an updated_time equal to the end
     * even once terminal. Without a callback: v3's updated_time − end_time where updated_time moved past
     * the end, else the detection − end_time. An upper bound only delays the first look it teaches, by at
     * most that granularity; the low quantile keeps one long post-processing from teaching the account to wait.
     */
    public void observeTerminal(String accountSid, String callSid, CallDetails details, Instant detectedAt) {
        Heard heard;
        synchronized (recent) {
            heard = recent.get(callSid);
        }
        if (heard != null && heard.endedAt() != null) {
            learn(fromCallbacks, accountSid, Duration.between(heard.endedAt(), detectedAt));
            return;
        }
        OffsetDateTime ended = details.ended();
        if (ended == null) {
            return;
        }
        OffsetDateTime updated = details.updated();
        Instant terminalAt = updated != null && updated.isAfter(ended) ? updated.toInstant() : detectedAt;
        learn(fromDetails, accountSid, Duration.between(ended.toInstant(), terminalAt));
    }

    private static void learn(Map<String, LowQuantile> quantiles, String accountSid, Duration delay) {
        if (!delay.isNegative()) {
            quantiles.computeIfAbsent(accountSid, sid -> new LowQuantile(EARLY_QUANTILE)).observe(delay);
        }
    }

    /** How long after its end a call of the account can be terminal at the earliest; zero until learned. */
    public Duration earliestTerminal(String accountSid) {
        LowQuantile callbacks = fromCallbacks.get(accountSid);
        if (callbacks != null && callbacks.samples() >= TRUSTED_SAMPLES) {
            return callbacks.estimate();
        }
        LowQuantile details = fromDetails.get(accountSid);
        return details == null ? Duration.ZERO : details.estimate();
    }

    /** Remembers the callback; false when one for its SID was remembered already within the window. */
    private boolean firstHint(String callSid, Heard heard) {
        synchronized (recent) {
            // Insertion order is arrival order, so the expired ones are at the front.
            Iterator<Heard> oldestFirst = recent.values().iterator();
            while (oldestFirst.hasNext() && oldestFirst.next().at().isBefore(heard.at().minus(DUPLICATE_WINDOW))) {
                oldestFirst.remove();
            }
            if (recent.containsKey(callSid)) {
                return false;
            }
            if (recent.size() >= DUPLICATE_MEMORY) {
                recent.remove(recent.keySet().iterator().next());
            }
            recent.put(callSid, heard);
            return true;
        }
    }

    /** Forgets a callback that could not be acted on (the database was away), so that a copy of it still counts. */
    public void forget(String callSid) {
        synchronized (recent) {
            recent.remove(callSid);
        }
    }

    /**
     * The quantile q of the last {@link #WINDOW} samples: a few kilobytes per account, and a wrong start (a
     * warm-up of instant calls, a change at the vendor) is forgotten after one window.
     */
    static final class LowQuantile {
        static final int WINDOW = 50;
        private final double q;
        private final long[] millis = new long[WINDOW];
        private int count;

        LowQuantile(double q) {
            this.q = q;
        }

        synchronized void observe(Duration sample) {
            millis[count % WINDOW] = sample.toMillis();
            count++;
        }

        synchronized int samples() {
            return count;
        }

        synchronized Duration estimate() {
            long[] sorted = Arrays.copyOf(millis, Math.min(count, WINDOW));
            Arrays.sort(sorted);
            return Duration.ofMillis(sorted[(int) Math.floor(q * (sorted.length - 1))]);
        }
    }
}

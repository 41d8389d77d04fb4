package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the simulated Exotel pushes status callbacks, {@code GET/PUT /simulator/callbacks}: for which calls,
 * at which moment, how late, how many lost and how many sent twice. Times are the simulator's own (a bench
 * compressing time divides them itself). A field left out of a {@code PUT} takes its default, and the
 * defaults are the simulator's behaviour before this model: every call with a callback URL gets one
 * callback, on time, the moment v3 turns terminal. The {@code callback_drop_rate}/{@code callback_delay_ms}
 * faults still apply on top.
 *
 * @param moment          {@code terminal}: when v3 turns terminal (post-processing over); {@code end}: when the
 *                        call ends (hang-up), while v3 is still {@code active} in post-processing — what the
 *                        vendor's "POST to that URL when the call ends" says
 * @param share           fraction of calls with a callback URL that get a callback at all, in [0, 1]
 * @param lost            fraction of those whose callback is lost on the way (never arrives), in [0, 1]
 * @param duplicated      fraction of the delivered ones sent a second time, in [0, 1]; the copy leaves after its
 *                        own independent delay on top of the first, so it arrives after callbacks of later calls
 * @param delayMedianMs   median of the lognormal delay between the moment and the POST
 * @param delaySigma      the lognormal's sigma (0: always the median)
 * @param delayMaxMs      no delay is longer than this
 * @param millis          the callback's times with milliseconds ({@code 2022-11-03 22:56:04.250}), not Exotel's
 *                        whole seconds: for a run compressing time k-fold, where a second would stand for k
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallbackModel(String moment, Double share, Double lost, Double duplicated, Long delayMedianMs,
        Double delaySigma, Long delayMaxMs, Boolean millis) {

    public static final String TERMINAL = "terminal";
    public static final String END = "end";
    private static final long DEFAULT_DELAY_MAX_MS = Duration.ofHours(1).toMillis();

    public CallbackModel {
        moment = Objects.requireNonNullElse(moment, TERMINAL).toLowerCase(Locale.ROOT);
        if (!moment.equals(TERMINAL) && !moment.equals(END)) {
            throw new IllegalArgumentException("moment must be " + TERMINAL + " or " + END);
        }
        share = fraction("share", share, 1);
        lost = fraction("lost", lost, 0);
        duplicated = fraction("duplicated", duplicated, 0);
        delayMedianMs = notNegative("delay_median_ms", delayMedianMs, 0);
        delayMaxMs = notNegative("delay_max_ms", delayMaxMs, DEFAULT_DELAY_MAX_MS);
        millis = Boolean.TRUE.equals(millis);
        if (delaySigma == null) {
            delaySigma = 0.0;
        }
        if (!(delaySigma >= 0 && delaySigma <= 10)) {
            throw new IllegalArgumentException("delay_sigma must be between 0 and 10");
        }
    }

    /** The simulator's behaviour without a model: every callback, on time, at the terminal moment. */
    public static CallbackModel initial() {
        return new CallbackModel(null, null, null, null, null, null, null, null);
    }

    boolean atEnd() {
        return moment.equals(END);
    }

    String format(java.time.Instant instant) {
        return millis ? ExotelTime.formatV1Millis(instant) : ExotelTime.formatV1(instant);
    }

    /** One delay drawn from the lognormal, capped at {@code delayMaxMs}. */
    long drawDelayMs(RandomGenerator random) {
        if (delayMedianMs == 0) {
            return 0;
        }
        double drawn = delayMedianMs * Math.exp(delaySigma * random.nextGaussian());
        return Math.min(delayMaxMs, Math.round(drawn));
    }

    private static double fraction(String field, Double value, double absent) {
        double v = value == null ? absent : value;
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1");
        }
        return v;
    }

    private static long notNegative(String field, Long value, long absent) {
        long v = value == null ? absent : value;
        if (v < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        return v;
    }
}

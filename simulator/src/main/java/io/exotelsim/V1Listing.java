package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;

/**
 * The v1 model in force and its lag, as {@code GET /simulator/v1-model} shows it: from when v1 lists a
 * call and from when it fills the fields Exotel completes after the call (end time, duration, price).
 *
 * @param model    see {@link V1Model}
 * @param maxLagMs {@code listed-when-terminal}: the most a call is listed after v3 turned terminal
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record V1Listing(V1Model model, long maxLagMs) {

    /** The vendor's "up to 60 s late", in the simulator's compressed time. */
    static final Duration VENDOR_MAX_LAG = Duration.ofSeconds(60);

    public V1Listing {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        if (maxLagMs < 0) {
            throw new IllegalArgumentException("max_lag_ms must not be negative");
        }
    }

    /** The model from configuration, with the vendor's 60 s lag divided by the time scale. */
    static V1Listing initial(V1Model model, double timeScale) {
        return new V1Listing(model, Math.round(VENDOR_MAX_LAG.toMillis() / timeScale));
    }

    /** From when v1 lists the call (leaves it out of its answers before). */
    Instant listedFrom(SimulatedCall call) {
        Instant visible = call.timeline().visibleFrom();
        Instant listed = switch (model) {
            case LISTED_AT_END, ENDTIME_AT_END -> call.endedAt();
            case LISTED_WHEN_TERMINAL -> call.terminalAt().plusMillis(lagMs(call.sid()));
        };
        return listed.isBefore(visible) ? visible : listed;
    }

    /** From when v1 shows {@code EndTime}, {@code Duration} and {@code Price}. */
    Instant filledFrom(SimulatedCall call) {
        return model == V1Model.ENDTIME_AT_END ? call.endedAt() : call.terminalAt();
    }

    /** The call's own lag in [0, max]: a fraction drawn from its SID, so every request sees the same. */
    long lagMs(String sid) {
        long mixed = (sid.hashCode() & 0xffffffffL) * 0x9E3779B97F4A7C15L;
        double fraction = (mixed >>> 11) / (double) (1L << 53);
        return Math.round(fraction * maxLagMs);
    }
}

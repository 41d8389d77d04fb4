package io.calltracker.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.Objects;

/**
 * The misbehaviour injected into the simulated Exotel API, as shown by {@code GET /simulator/faults}.
 *
 * @param errorRate          fraction of requests answered 500, in [0, 1]
 * @param latencyMs          delay added to each request that reaches the fault stage
 * @param rateLimitPerMinute per account; 0 means unlimited
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Faults(double errorRate, long latencyMs, int rateLimitPerMinute) {

    public Faults {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("error_rate must be between 0 and 1");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency_ms must not be negative");
        }
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rate_limit_per_minute must not be negative");
        }
    }

    public Duration latency() {
        return Duration.ofMillis(latencyMs);
    }

    /** These faults with the fields {@code update} sets replaced. */
    public Faults with(FaultsUpdate update) {
        return new Faults(
                Objects.requireNonNullElse(update.errorRate(), errorRate),
                Objects.requireNonNullElse(update.latencyMs(), latencyMs),
                Objects.requireNonNullElse(update.rateLimitPerMinute(), rateLimitPerMinute));
    }
}

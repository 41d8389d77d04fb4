package io.calltracker.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code PUT /simulator/faults}: a null field leaves that fault as it is. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FaultsUpdate(Double errorRate, Long latencyMs, Integer rateLimitPerMinute) {
}

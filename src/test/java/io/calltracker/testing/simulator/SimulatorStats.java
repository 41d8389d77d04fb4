package io.calltracker.testing.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/** What {@code GET /simulator/stats} answers, as far as the tests read it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulatorStats(long requestsTotal, Map<String, AccountStats> requestsByAccount,
        Map<String, Long> requestsByEndpoint) {

    /**
     * @param byStatus      requests per HTTP status answered, keyed by the status as a string
     * @param peakPerMinute most requests in any sliding 60 s window
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccountStats(long total, Map<String, Long> byStatus, long peakPerMinute, long requestsInsideRetryAfter) {
    }
}

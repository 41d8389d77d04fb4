package io.calltracker.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** What {@code GET /simulator/stats} shows: the load the tracker put on "Exotel", and the calls played. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulatorStats(long requestsTotal, Map<String, AccountStats> requestsByAccount, CallCounts calls) {

    /**
     * @param byStatus      requests per HTTP status answered, keyed by the status as a string
     * @param peakPerMinute most requests in any sliding 60 s window, as seen by the rate limiter
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccountStats(long total, Map<String, Long> byStatus, long peakPerMinute) {
    }

    public record CallCounts(long registered, long terminal) {
    }
}

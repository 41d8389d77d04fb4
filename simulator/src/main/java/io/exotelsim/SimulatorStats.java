package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What {@code GET /simulator/stats} shows: the load the tracker put on "Exotel", the calls played and
 * the status callbacks pushed.
 *
 * @param requestsByEndpoint requests per simulated endpoint ({@code v3_call_details}, {@code v3_legs},
 *                           {@code v1_bulk}), each listed even when never asked
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulatorStats(
        long requestsTotal,
        Map<String, AccountStats> requestsByAccount,
        Map<String, Long> requestsByEndpoint,
        CallCounts calls,
        CallbackCounts callbacks) {

    /**
     * @param byStatus      requests per HTTP status answered, keyed by the status as a string
     * @param peakPerMinute most requests in any sliding 60 s window, as seen by the rate limiter
     * @param requestsInsideRetryAfter requests that arrived while a Retry-After sent to the account was in force
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AccountStats(long total, Map<String, Long> byStatus, long peakPerMinute, long requestsInsideRetryAfter) {
    }

    public record CallCounts(long registered, long terminal) {
    }

    /**
     * @param sent       POSTs answered with a 2xx, copies of duplicated callbacks included
     * @param dropped    never sent: outside the {@link CallbackModel}'s share, lost, or by the {@code callback_drop_rate} fault
     * @param failed     sent but not answered with a 2xx (an error, a timeout, a refused connection)
     * @param duplicated callbacks the model sent a second time
     */
    public record CallbackCounts(long sent, long dropped, long failed, long duplicated) {
    }
}

package io.calltracker.testing.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One reply forced on the next request for a call SID, as the simulator's control API takes it, e.g.
 * {@code {"status": 429, "retry_after_seconds": 3}}.
 *
 * @param retryAfterSeconds sent as a {@code Retry-After} header when present
 * @param body sent verbatim instead of the canonical body for {@code status}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScriptedReply(int status, Integer retryAfterSeconds, String body) {

    public static ScriptedReply withStatus(int status) {
        return new ScriptedReply(status, null, null);
    }
}

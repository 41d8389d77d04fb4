package io.exotelsim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One reply a test forces on the next request for a call SID, e.g. {@code {"status": 429,
 * "retry_after_seconds": 3}}.
 *
 * @param retryAfterSeconds sent as a {@code Retry-After} header when present
 * @param body sent verbatim instead of the canonical body for {@code status}: truncated JSON, HTML, a
 *             200 without {@code call_details}...
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScriptedReply(int status, Integer retryAfterSeconds, String body) {

    public static ScriptedReply withStatus(int status) {
        return new ScriptedReply(status, null, null);
    }
}

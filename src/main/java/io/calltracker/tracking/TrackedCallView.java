package io.calltracker.tracking;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A call's row in the schedule (tracked_call), as an operator sees it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TrackedCall", description = "The call's tracking state")
public record TrackedCallView(
        String callSid,
        String accountSid,
        @Schema(description = "where the call was at its last poll", enumeration = {"new", "ringing", "talking",
                "post_processing", "not_found"}) String phase,
        Instant firstSeenAt,
        @Schema(description = "seconds since first_seen_at") long ageSeconds,
        @Schema(description = "when the call is polled next; null once finished") Instant nextPollAt,
        int pollCount,
        String lastError,
        @Schema(description = "the instance holding the call's claim, if any") String claimedBy,
        @Schema(description = "null while in flight", enumeration = {"terminal", "not_found", "gave_up", "failed", "cancelled"})
        String outcome,
        Instant finishedAt) {
}

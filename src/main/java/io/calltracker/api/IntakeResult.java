package io.calltracker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.calltracker.intake.IntakeRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Locale;

/** What became of one item of an enqueue request. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "IntakeResult")
public record IntakeResult(
        @Schema(description = "position in the request's calls array; 0 for a single value") int index,
        @Schema(enumeration = {"accepted", "duplicate", "rejected"}) Status result,
        @Schema(description = "absent when rejected") String callSid,
        @Schema(description = "absent when rejected") String accountSid,
        @Schema(description = "why the item can never be tracked (the reason Kafka intake dead-letters it with)")
        String reason) {

    @Schema(name = "IntakeResultStatus")
    public enum Status {
        /** Now tracked. */
        ACCEPTED,
        /** Already tracked (in flight or finished): left as it was. */
        DUPLICATE,
        /** Invalid: not tracked. */
        REJECTED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static IntakeResult stored(int index, IntakeRequest request, boolean added) {
        return new IntakeResult(index, added ? Status.ACCEPTED : Status.DUPLICATE, request.callSid(), request.accountSid(), null);
    }

    static IntakeResult rejected(int index, String reason) {
        return new IntakeResult(index, Status.REJECTED, null, null, reason);
    }
}

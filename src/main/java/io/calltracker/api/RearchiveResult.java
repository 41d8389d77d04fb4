package io.calltracker.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer to an operator's re-archive: how many of the call's recordings are queued for the bucket again. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RearchiveResult(String callSid, int recordingsQueued) {
}

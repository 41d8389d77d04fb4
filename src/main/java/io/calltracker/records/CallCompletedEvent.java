package io.calltracker.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.calltracker.publishing.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The value published on the completion topic, keyed by call SID. Its JSON Schema ships at
 * {@code src/main/resources/schema/call-completed-event.v1.json}; change both together, within the
 * compatibility rules of docs/events-and-schema.md.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"event_id", "event_type", "schema_version", "call_sid", "account_sid", "outcome", "outcome_reason"})
public record CallCompletedEvent(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String callSid,
        String accountSid,
        String outcome,
        String outcomeReason,
        String state,
        String status,
        String direction,
        String virtualNumber,
        OffsetDateTime createdTime,
        OffsetDateTime updatedTime,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        Integer totalDuration,
        Integer totalTalkTime,
        String digits,
        List<Recording> recordings,
        String customField,
        String appId,
        String appName,
        String legsPath,
        String legsStatus,
        List<Leg> legs,
        JsonNode metadata,
        Tracking tracking) {

    public static final String TYPE = EventType.CALL_COMPLETED.wireName();
    public static final int SCHEMA_VERSION = 1;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Leg(String side, String sid, String name, String contactUri, String status, OffsetDateTime dateCreated,
                      OffsetDateTime dateUpdated, String groupId, String groupName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tracking(OffsetDateTime firstSeenAt, OffsetDateTime terminalDetectedAt, OffsetDateTime finalisedAt,
                           int pollCount) {
    }
}

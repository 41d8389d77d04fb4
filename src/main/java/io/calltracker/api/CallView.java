package io.calltracker.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.calltracker.publishing.OutboxEvent;
import io.calltracker.records.CallRecord;
import io.calltracker.tracking.TrackedCallView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything known about one call: its tracking state, its final record and its completion event. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Call")
public record CallView(
        TrackedCallView tracking,
        @Schema(description = "null while the call is in flight") Record record,
        @Schema(description = "null while the call is in flight") Event event) {

    /**
     * The stored record without the raw Exotel response, and with the number of recordings instead of
     * their pre-signed URLs: those are credentials, and admin answers end up in tickets and chats.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "CallRecord")
    public record Record(
            String outcome, String outcomeReason, String state, String status, String direction, String virtualNumber,
            OffsetDateTime createdTime, OffsetDateTime updatedTime, OffsetDateTime startTime, OffsetDateTime endTime,
            Integer totalDuration, Integer totalTalkTime, String digits,
            @Schema(description = "recordings of the call: its links (not shown), or its archived copies once the"
                    + " links were replaced by object keys") int recordingCount,
            @Schema(description = "the recording archive's copies: index, status (archived, expired, failed),"
                    + " object_key, content_type, size_bytes, sha256, reason; null until settled or with archival off")
            List<Map<String, Object>> recordingArchive,
            String customField,
            String appId, String appName, String legsPath,
            @Schema(description = "fetched, not_applicable or unavailable: <why>") String legsStatus,
            @Schema(description = "rows in call_leg; the legs themselves are in the completion event") long legCount,
            @Schema(description = "the metadata given at intake") Map<String, Object> metadata,
            OffsetDateTime firstSeenAt, OffsetDateTime terminalDetectedAt, OffsetDateTime finalisedAt, int pollCount) {

        static Record of(CallRecord r, int links, List<Map<String, Object>> archive, long legCount,
                         Map<String, Object> metadata) {
            int recordingCount = Math.max(links, archive == null ? 0 : archive.size());
            return new Record(r.outcome, r.outcomeReason, r.state, r.status, r.direction, r.virtualNumber,
                    r.createdTime, r.updatedTime, r.startTime, r.endTime, r.totalDuration, r.totalTalkTime, r.digits,
                    recordingCount, archive, r.customField, r.appId, r.appName, r.legsPath, r.legsStatus, legCount, metadata,
                    r.firstSeenAt, r.terminalDetectedAt, r.finalisedAt, r.pollCount);
        }
    }

    /** The call's outbox row: sent_at is null until Kafka acknowledged the event (again, after a replay). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "CompletionEventStatus")
    public record Event(UUID eventId, Instant createdAt, Instant sentAt) {

        static Event of(OutboxEvent row) {
            return new Event(row.eventId, row.createdAt.toInstant(), row.sentAt == null ? null : row.sentAt.toInstant());
        }
    }
}

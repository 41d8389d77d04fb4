package io.calltracker.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.calltracker.publishing.EventType;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The second event of a call with recordings, published (on the completion topic, keyed by call SID) once
 * every recording of the call is settled: where each one is stored, its size and SHA-256, or why it is not.
 * Never a link. Its JSON Schema ships at
 * {@code src/main/resources/META-INF/resources/schema/call-recordings-archived-event.v1.json}; change both together.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"event_id", "event_type", "schema_version", "call_sid", "account_sid", "generation", "bucket"})
public record RecordingsArchivedEvent(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String callSid,
        String accountSid,
        int generation,
        String bucket,
        OffsetDateTime settledAt,
        List<ArchivedRecording> recordings) {

    /** The event's type, as publishing's {@link EventType} spells it (its CloudEvents type and schema go with it). */
    public static final String TYPE = EventType.RECORDINGS_ARCHIVED.wireName();
    public static final int SCHEMA_VERSION = 1;

    /** One recording: archived with key, type, size and checksum; or expired / failed with the reason. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ArchivedRecording(int index, String status, String objectKey, String contentType, Long sizeBytes,
                                    String sha256, String reason) {
    }

    /**
     * Derived from the call and the round, so that the same settlement can never queue two different ids, and
     * an operator's re-archive (a new generation) gets a new one.
     */
    static UUID idOf(String callSid, int generation) {
        return UUID.nameUUIDFromBytes((TYPE + "/" + callSid + "/" + generation).getBytes(StandardCharsets.UTF_8));
    }
}

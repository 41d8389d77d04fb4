package io.calltracker.publishing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The event types the outbox carries, each with the CloudEvents type it is published as and the JSON
 * Schema its payload follows (a file under {@code src/main/resources/schema/}, served at
 * {@code /schema/<file>}). Adding an event type is one constant here, plus its schema file.
 */
public enum EventType {

    CALL_COMPLETED("call.completed", "io.calltracker.call.completed.v1", "call-completed-event.v1.json"),
    /** A call's recordings copied to the bucket (or given up on), with keys, sizes and checksums; never a link. */
    RECORDINGS_ARCHIVED("call.recordings_archived", "io.calltracker.call.recordings_archived.v1",
            "call-recordings-archived-event.v1.json");

    private final String wireName;
    private final String cloudEventType;
    private final String schemaFile;

    EventType(String wireName, String cloudEventType, String schemaFile) {
        this.wireName = wireName;
        this.cloudEventType = cloudEventType;
        this.schemaFile = schemaFile;
    }

    /** The name in outbox_event.event_type and in the payload's event_type. */
    public String wireName() {
        return wireName;
    }

    /** Header ce_type: reverse-DNS, its major version last. */
    String cloudEventType() {
        return cloudEventType;
    }

    String schemaFile() {
        return schemaFile;
    }

    static Optional<EventType> ofSchemaFile(String file) {
        return Arrays.stream(values()).filter(type -> type.schemaFile.equals(file)).findFirst();
    }

    static Optional<EventType> ofWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }
}

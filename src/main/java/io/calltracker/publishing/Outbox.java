package io.calltracker.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Writes events into the outbox inside the caller's transaction; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param callSid the event's Kafka key
     * @param event   its value, serialised here once: a resend sends these exact bytes
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(UUID eventId, String eventType, String callSid, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.eventType = eventType;
        row.callSid = callSid;
        row.payload = toJson(callSid, event);
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.persist();
    }

    private String toJson(String callSid, Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event of " + callSid + " is not serialisable", e);
        }
    }
}

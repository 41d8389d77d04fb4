package io.calltracker.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Writes events into the outbox inside the caller's transaction; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(CallCompletedEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.eventType = event.eventType();
        row.callSid = event.callSid();
        row.payload = toJson(event);
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.persist();
    }

    private String toJson(CallCompletedEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("completion event of " + event.callSid() + " is not serialisable", e);
        }
    }
}

package io.calltracker.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox's door for other packages: writes events into it inside the caller's transaction
 * ({@link OutboxRelay} publishes them), finds a call's event, queues one again.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final OutboxStore store;

    public Outbox(ObjectMapper mapper, OutboxStore store) {
        this.mapper = mapper;
        this.store = store;
    }

    /**
     * The call's event of one type: a call has one completion event, and one with recordings may have others
     * (its recordings archived), so the type picks.
     */
    public Optional<OutboxEvent> eventOf(String callSid, String eventType) {
        return OutboxEvent.<OutboxEvent>find("callSid = ?1 and eventType = ?2 order by id", callSid, eventType)
                .firstResultOptional();
    }

    /**
     * Queues a call's event of one type again (its completion event: one per call): the row becomes unsent
     * and unleased, so the relay sends the stored payload once more, with the same event_id and bytes.
     *
     * @return the replayed event's id, empty when the call has no such event.
     */
    public Optional<UUID> replay(String callSid, String eventType) {
        return store.replay(callSid, eventType);
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

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
    public Optional<OutboxEvent> eventOf(String callSid, EventType type) {
        return OutboxEvent.<OutboxEvent>find("callSid = ?1 and eventType = ?2 order by id", callSid, type.wireName())
                .firstResultOptional();
    }

    /**
     * Queues a call's event of one type again (its completion event: one per call): the row becomes unsent
     * and unleased, so the relay sends the stored payload once more, with the same event_id and bytes.
     *
     * @return the replayed event's id, empty when the call has no such event.
     */
    public Optional<UUID> replay(String callSid, EventType type) {
        return store.replay(callSid, type.wireName());
    }

    /**
     * @param eventId    the payload's event_id, and the event's ce_id
     * @param callSid    the event's Kafka key and ce_subject
     * @param accountSid the account it is about (ce_source)
     * @param occurredAt when it happened (ce_time), kept so that every send carries the same time
     * @param event      its value, serialised here once: a resend sends these exact bytes
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventType type, UUID eventId, String callSid, String accountSid, OffsetDateTime occurredAt,
                       Object event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.eventType = type.wireName();
        row.callSid = callSid;
        row.accountSid = accountSid;
        row.occurredAt = occurredAt;
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

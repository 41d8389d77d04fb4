package io.calltracker.publishing;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An outbox row leased by the relay for sending: its payload and what its CloudEvents headers say. */
record PendingEvent(long id, UUID eventId, EventType type, String callSid, String accountSid, OffsetDateTime occurredAt,
                    String payload) {
}

package io.calltracker.publishing;

import java.util.UUID;

/** An outbox row leased by the relay for sending. */
record PendingEvent(long id, UUID eventId, String callSid, String payload) {
}

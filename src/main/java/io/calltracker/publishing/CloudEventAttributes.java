package io.calltracker.publishing;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;

/**
 * An outbox row's CloudEvents attributes; the Kafka connector writes them as {@code ce_*} headers
 * (binary mode, see application.properties). Everything comes from the stored row, never from the
 * moment of sending, so that a resend or a replay carries the headers of the first send.
 */
@ApplicationScoped
class CloudEventAttributes {

    static final String CONTENT_TYPE = "application/json";
    private static final String SOURCE_PREFIX = "/exotel/accounts/";

    private final EventSchemas schemas;

    CloudEventAttributes(EventSchemas schemas) {
        this.schemas = schemas;
    }

    OutgoingCloudEventMetadata<String> of(PendingEvent event) {
        return OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId().toString())
                .withSource(source(event.accountSid()))
                .withType(event.type().cloudEventType())
                .withSubject(event.callSid())
                .withTimestamp(event.occurredAt().atZoneSameInstant(ZoneOffset.UTC))
                .withDataSchema(schemas.id(event.type()))
                .withDataContentType(CONTENT_TYPE)
                .build();
    }

    /** A URI reference naming the account (account SIDs are {@code [A-Za-z0-9_-]}, quoted here all the same). */
    static URI source(String accountSid) {
        try {
            return new URI(null, null, SOURCE_PREFIX + accountSid, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("account SID " + accountSid + " makes no URI path", e);
        }
    }
}

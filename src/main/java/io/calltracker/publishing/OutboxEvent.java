package io.calltracker.publishing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event waiting in table outbox_event for the relay; written in the same transaction as the record. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID eventId;
    public String eventType;
    public String callSid;
    public String accountSid;
    /** When the event happened: its ce_time. */
    public OffsetDateTime occurredAt;
    /** The exact JSON value sent to Kafka, so a resend is byte-identical. */
    public String payload;
    public OffsetDateTime createdAt;
    public OffsetDateTime sentAt;
}

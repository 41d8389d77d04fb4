package io.calltracker.publishing;

import io.calltracker.tracking.TrackerConfig;
import io.calltracker.tracking.TrackingDisabled;
import io.calltracker.tracking.FixedDelayLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Publishes outbox rows to the completion topic and marks them sent. Rows are leased, not locked,
 * while Kafka acknowledges, so no transaction stays open across the send. A crash between send and
 * mark re-sends the same event (same event_id): consumers deduplicate on event_id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "calls-completed";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final MutinyEmitter<String> emitter;
    private final TrackerConfig config;
    private FixedDelayLoop loop;

    public OutboxRelay(OutboxStore store, @Channel(CHANNEL) MutinyEmitter<String> emitter, TrackerConfig config) {
        this.store = store;
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Starts relaying once start-up is complete: the messaging layer wires the emitter in a start-up
     * observer of its own (see {@link TrackingDisabled}).
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (config.enabled()) {
            loop = FixedDelayLoop.start("outbox-relay", config.outboxInterval(), this::relay);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    void relay() {
        try {
            List<PendingEvent> batch;
            do {
                batch = store.claimUnsent(config.outboxBatchSize(), config.outboxSendTimeout().multipliedBy(2));
                publish(batch);
            } while (batch.size() == config.outboxBatchSize());
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay paused: %s", e.getMessage());
        }
    }

    /**
     * Sends the batch and marks sent every event Kafka acknowledged within the send timeout. A slow or
     * failed send costs only its own event a resend (same event_id, after the lease), never the batch's.
     */
    void publish(List<PendingEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        List<Uni<Void>> sends = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            Message<String> message = Message.of(event.payload())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.callSid()).build());
            sends.add(emitter.sendMessage(message)
                    .invoke(() -> acknowledged.add(event.id()))
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("event %s for call %s not acknowledged by Kafka: %s", event.eventId(), event.callSid(),
                                failure.getMessage());
                        return Uni.createFrom().voidItem();
                    }));
        }
        Uni.join().all(sends).andCollectFailures()
                .ifNoItem().after(config.outboxSendTimeout()).recoverWithItem(List.of())
                .await().indefinitely();
        int sent = acknowledged.size();
        if (sent < batch.size()) {
            LOG.warnf("%d of %d events not acknowledged by Kafka within %s; they are sent again after their lease",
                    batch.size() - sent, batch.size(), config.outboxSendTimeout());
        }
        store.markSent(List.copyOf(acknowledged));
    }
}

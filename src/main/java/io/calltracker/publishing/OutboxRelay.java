package io.calltracker.publishing;

import io.calltracker.base.DatabaseFailures;
import io.calltracker.base.FixedDelayLoop;
import io.calltracker.base.SkipUntilTracking;
import io.calltracker.base.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to the completion topic and marks them sent. Rows are leased, not locked,
 * while Kafka acknowledges, so no transaction stays open across the send. A crash between send and
 * mark re-sends the same event (same event_id): consumers deduplicate on event_id. Each event goes out
 * as a CloudEvent in Kafka's binary mode ({@link CloudEventAttributes}).
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "calls-completed";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Longer than the producer's {@code delivery.timeout.ms} (120 s), by which Kafka answers every send:
     * a send unanswered this long lost its callback, and its event is sent again.
     */
    static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(3);

    private final OutboxStore store;
    private final CloudEventAttributes attributes;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    /** Events handed to the producer and not yet answered, with when they were sent. */
    private final Map<Long, Instant> inFlight = new ConcurrentHashMap<>();
    /** Events Kafka acknowledged that are not yet marked sent (an acknowledgement may come after the send timeout). */
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private FixedDelayLoop loop;

    @Inject
    public OutboxRelay(OutboxStore store, CloudEventAttributes attributes, @Channel(CHANNEL) MutinyEmitter<String> emitter,
                       OutboxConfig config) {
        this(store, attributes, emitter, config, Clock.systemUTC());
    }

    OutboxRelay(OutboxStore store, CloudEventAttributes attributes, MutinyEmitter<String> emitter, OutboxConfig config,
                Clock clock) {
        this.store = store;
        this.attributes = attributes;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts relaying once start-up is complete: the messaging layer wires the emitter in a start-up
     * observer of its own (see {@link SkipUntilTracking}).
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, SkipUntilTracking jobs,
                 TopicsConfig topics) {
        if (jobs.trackingEnabled()) {
            loop = FixedDelayLoop.start("outbox-relay", config.interval(), this::relay);
            LOG.infof("outbox relay started: completion events go to topic %s", topics.callsCompleted());
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
                batch = store.claimUnsent(config.batchSize(), config.sendTimeout().multipliedBy(2));
                publish(batch);
            } while (batch.size() == config.batchSize());
        } catch (RuntimeException e) {
            if (!DatabaseFailures.away(e)) {
                throw e;
            }
            LOG.warnf("outbox relay paused, database unavailable: %s", DatabaseFailures.describe(e));
        }
    }

    /**
     * Sends the batch and marks sent every event Kafka acknowledged, including acknowledgements of
     * earlier batches that came after their send timeout. A slow or failed send costs only its own
     * event a resend (same event_id, after the lease), never the batch's; an event whose send is still
     * pending in the producer is not sent again by this instance (a broker away for minutes would
     * otherwise get one copy per lease), the producer answers it within its delivery timeout.
     */
    void publish(List<PendingEvent> batch) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            if (acknowledged.contains(event.id())) {
                continue; // acknowledged, to be marked below
            }
            Instant now = clock.instant();
            Instant pendingSince = inFlight.get(event.id());
            if (pendingSince == null || Duration.between(pendingSince, now).compareTo(IN_FLIGHT_LIMIT) > 0) {
                inFlight.put(event.id(), now);
                sends.add(send(event));
            }
        }
        awaitUpToSendTimeout(sends);
        int unanswered = (int) batch.stream().filter(event -> inFlight.containsKey(event.id())).count();
        if (unanswered > 0) {
            LOG.warnf("%d of %d events not acknowledged by Kafka within %s; they are sent again once the producer gives up on them",
                    unanswered, batch.size(), config.sendTimeout());
        }
        markAcknowledged();
    }

    /**
     * Subscribed on its own, so that giving up waiting does not cancel it: an acknowledgement that
     * comes later is still recorded.
     */
    private CompletableFuture<Void> send(PendingEvent event) {
        Message<String> message = Message.of(event.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.callSid()).build())
                .addMetadata(attributes.of(event));
        return emitter.sendMessage(message)
                .invoke(() -> {
                    acknowledged.add(event.id());
                    inFlight.remove(event.id());
                })
                .onFailure().recoverWithUni(failure -> {
                    inFlight.remove(event.id());
                    LOG.warnf("event %s for call %s not acknowledged by Kafka: %s", event.eventId(), event.callSid(),
                            failure.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .subscribeAsCompletionStage();
    }

    private void awaitUpToSendTimeout(List<CompletableFuture<Void>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillPending) {
            // counted and logged by the caller; the sends stay subscribed
        } catch (ExecutionException notRecovered) {
            // send() recovers every failure into an item; anything else is a bug worth a stack trace
            throw new IllegalStateException(notRecovered.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks sent what Kafka acknowledged since the last mark; a database error keeps them for the next round. */
    private void markAcknowledged() {
        List<Long> ids = List.copyOf(acknowledged);
        store.markSent(ids);
        ids.forEach(acknowledged::remove);
    }
}

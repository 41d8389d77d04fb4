package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.RowPurge;
import io.calltracker.base.SkipUntilTracking;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Deletes outbox rows tracker.retention.sent-events.keep after Kafka acknowledged them: their payload
 * holds pre-signed recording URLs and phone numbers, and only the admin API reads a sent row (a call's
 * view, a replay). Rows not sent (never, or again after a replay) are never deleted, whatever their
 * age: the statement requires sent_at, which only the relay's acknowledgement sets.
 */
@ApplicationScoped
public class SentEventPurge {

    static final String TABLE = "outbox_event";

    /** Oldest first; see {@link RowPurge} for the batching and locking. */
    private static final String DELETE_BATCH = """
            DELETE FROM outbox_event
             WHERE id IN (SELECT id FROM outbox_event
                           WHERE sent_at < now() - make_interval(secs => ?)
                           ORDER BY sent_at
                           LIMIT ?
                           FOR UPDATE SKIP LOCKED)
            """;

    private final SentEventRetention config;
    private final RowPurge purge;

    public SentEventPurge(AgroalDataSource dataSource, SentEventRetention config, MeterRegistry meters) {
        this.config = config;
        this.purge = new RowPurge(TABLE, DELETE_BATCH, dataSource, config.keep(), meters);
    }

    /** Starts with the relay (see {@link SkipUntilTracking}); no loop with keep = 0. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, SkipUntilTracking jobs) {
        if (jobs.trackingEnabled()) {
            purge.start(config.purgeInterval());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        purge.close();
    }
}

package io.calltracker.publishing;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.PurgeJob;
import io.calltracker.base.PurgeJobs;
import io.calltracker.base.RowPurge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

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

    /** Run by {@link PurgeJobs}; no loop with keep = 0. */
    @Produces
    @Singleton
    PurgeJob sentEventPurge(AgroalDataSource dataSource, SentEventRetention config, MeterRegistry meters) {
        return new PurgeJob(new RowPurge(TABLE, DELETE_BATCH, dataSource, config.keep(), meters), config.purgeInterval());
    }
}

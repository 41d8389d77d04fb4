package io.calltracker.tracking;

import io.agroal.api.AgroalDataSource;
import io.calltracker.base.PurgeJob;
import io.calltracker.base.PurgeJobs;
import io.calltracker.base.RowPurge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Deletes finished calls' schedule rows tracker.retention.finished-calls.keep after they finished: the
 * record (call_record) and the event hold what the call came to, and the row's metadata is the
 * customer's. In-flight rows (outcome NULL) are never deleted. A SID that arrives again after its row is
 * gone is still not tracked twice: {@link PollSchedule}'s intake statements skip every SID that has a
 * record.
 */
@ApplicationScoped
public class FinishedCallPurge {

    static final String TABLE = "tracked_call";

    /** Oldest first; see {@link RowPurge} for the batching and locking. */
    private static final String DELETE_BATCH = """
            DELETE FROM tracked_call
             WHERE call_sid IN (SELECT call_sid FROM tracked_call
                                 WHERE outcome IS NOT NULL AND finished_at < now() - make_interval(secs => ?)
                                 ORDER BY finished_at
                                 LIMIT ?
                                 FOR UPDATE SKIP LOCKED)
            """;

    /** Run by {@link PurgeJobs}; no loop with keep = 0. */
    @Produces
    @Singleton
    PurgeJob finishedCallPurge(AgroalDataSource dataSource, FinishedCallRetention config, MeterRegistry meters) {
        return new PurgeJob(new RowPurge(TABLE, DELETE_BATCH, dataSource, config.keep(), meters), config.purgeInterval());
    }
}

package io.calltracker.archive;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalDouble;

/**
 * The archive's meters: recordings archived and their bytes, failed attempts by reason, recordings given up
 * (expired or failed), and the age of the oldest pending recording (read by the worker each round, not on
 * scrape, so a scrape never waits for the database). Never a link or a key in a tag.
 */
@ApplicationScoped
class ArchiveMetrics {

    private final MeterRegistry meters;
    private volatile double oldestPendingSeconds;

    ArchiveMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("tracker.recordings.archive.oldest.pending.seconds", this, m -> m.oldestPendingSeconds)
                .description("Age of the oldest recording still waiting to be archived; 0 when none waits")
                .register(meters);
    }

    void archived(StoredObject stored) {
        meters.counter("tracker.recordings.archived").increment();
        meters.counter("tracker.recordings.archived.bytes").increment(stored.sizeBytes());
    }

    /** A failed attempt; reason is one of TransferFailure's reasons or refresh_refused. */
    void attemptFailed(String reason) {
        meters.counter("tracker.recordings.archive.failures", "reason", reason).increment();
    }

    /** A recording that will not be archived: outcome expired (its link stayed dead) or failed. */
    void givenUp(String outcome) {
        meters.counter("tracker.recordings.archive.given.up", "outcome", outcome).increment();
    }

    void backlog(OptionalDouble oldestPendingAge) {
        oldestPendingSeconds = oldestPendingAge.orElse(0);
    }
}

package io.calltracker.archive;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The archive's meters: recordings archived and their bytes, failed attempts by reason, recordings given up
 * (expired or failed), and the age of the oldest pending recording (read by the worker each round, not on
 * scrape, so a scrape never waits for the database). Never a link or a key in a tag.
 */
// At start-up, every series at 0, archival on or off: the dashboard's row and the alerts' increase() have
// a series to read from the first scrape (ExportedSeriesTest), and "nothing archived" shows as 0, not as no data.
@Startup
@ApplicationScoped
class ArchiveMetrics {

    /** The reasons {@link #attemptFailed} counts: TransferFailure's, and a refresh the account's gate refused. */
    static final String REFRESH_REFUSED = "refresh_refused";
    private static final List<String> FAILURE_REASONS = List.of(TransferFailure.LINK_DEAD, TransferFailure.SOURCE,
            TransferFailure.STORAGE, TransferFailure.CLAIM_LOST, REFRESH_REFUSED);
    private static final List<String> GIVEN_UP = List.of("expired", "failed");

    private final MeterRegistry meters;
    private volatile double oldestPendingSeconds;

    ArchiveMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("tracker.recordings.archive.oldest.pending.seconds", this, m -> m.oldestPendingSeconds)
                .description("Age of the oldest recording still waiting to be archived; 0 when none waits")
                .register(meters);
        meters.counter("tracker.recordings.archived");
        meters.counter("tracker.recordings.archived.bytes");
        FAILURE_REASONS.forEach(reason -> meters.counter("tracker.recordings.archive.failures", "reason", reason));
        GIVEN_UP.forEach(outcome -> meters.counter("tracker.recordings.archive.given.up", "outcome", outcome));
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

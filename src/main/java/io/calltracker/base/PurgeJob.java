package io.calltracker.base;

import java.time.Duration;

/**
 * A table's purge and the pause between its passes: what the package owning a table produces (a CDI
 * producer) for {@link PurgeJobs} to run.
 */
public record PurgeJob(RowPurge purge, Duration interval) {
}

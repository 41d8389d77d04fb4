package io.calltracker.tracking;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/** Skips the polling and relay jobs in a process that only serves the simulator. */
@Singleton
public class TrackingDisabled implements Scheduled.SkipPredicate {

    private final TrackerConfig config;

    public TrackingDisabled(TrackerConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.enabled();
    }
}

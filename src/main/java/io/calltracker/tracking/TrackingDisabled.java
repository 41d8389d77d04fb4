package io.calltracker.tracking;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Skips the scheduled jobs (metrics, partition upkeep) in a process that only serves the simulator,
 * and until start-up is complete: the messaging layer wires the Kafka emitter in a start-up observer
 * of its own. The poll loop, the expiry pass and the outbox relay start at that same moment (observer
 * priority {@code APPLICATION + 1000}) on their own timers.
 */
@Singleton
public class TrackingDisabled implements Scheduled.SkipPredicate {

    private final TrackerConfig config;
    private volatile boolean started;

    public TrackingDisabled(TrackerConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        started = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started || !config.enabled();
    }
}

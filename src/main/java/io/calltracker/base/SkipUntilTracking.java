package io.calltracker.base;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Skips the scheduled jobs (metrics, partition upkeep) until start-up is complete, and always in a
 * process with tracking switched off ({@code tracker.enabled=false}): the messaging layer wires the
 * Kafka emitter in a start-up observer of its own. The poll loop, the expiry pass and the outbox relay
 * start at that same moment (observer priority {@code APPLICATION + 1000}) on their own timers.
 */
@Singleton
public class SkipUntilTracking implements Scheduled.SkipPredicate {

    private final boolean trackingEnabled;
    private volatile boolean started;

    public SkipUntilTracking(ProcessConfig config) {
        this.trackingEnabled = config.enabled();
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        started = true;
    }

    /** {@code tracker.enabled}: whether this process runs the tracker's loops (claims, expiry, relay) at all. */
    public boolean trackingEnabled() {
        return trackingEnabled;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started || !trackingEnabled;
    }
}

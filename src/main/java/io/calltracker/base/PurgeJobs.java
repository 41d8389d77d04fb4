package io.calltracker.base;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link PurgeJob} the packages produce, each on its own loop, from start-up (with the other
 * loops, see {@link SkipUntilTracking}) to shutdown. Producing the jobs at start-up also registers their
 * counters, so a dashboard sees 0 rather than no series.
 */
@ApplicationScoped
public class PurgeJobs {

    private final List<PurgeJob> running = new ArrayList<>();

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event, SkipUntilTracking jobs,
                 @Any Instance<PurgeJob> purges) {
        for (PurgeJob job : purges) {
            if (jobs.trackingEnabled()) {
                job.purge().start(job.interval());
                running.add(job);
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running.forEach(job -> job.purge().close());
    }
}

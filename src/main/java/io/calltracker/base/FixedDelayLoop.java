package io.calltracker.base;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one job on its own thread, again and again, {@code delay} after each run ends. Quarkus' simple
 * scheduler ticks at most once a second, which is too coarse for the claim and relay loops (a call that
 * turns due waits up to a second, and time-compressed benchmarks need tens of milliseconds); Quartz
 * would bring a job store for what the JDK's scheduled executor does in one call.
 */
public final class FixedDelayLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FixedDelayLoop.class);

    private final ScheduledExecutorService executor;

    private FixedDelayLoop(String name, Duration delay, Runnable job) {
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, delay.toMillis());
        executor.scheduleWithFixedDelay(() -> runSafely(name, job), millis, millis, TimeUnit.MILLISECONDS);
    }

    public static FixedDelayLoop start(String name, Duration delay, Runnable job) {
        return new FixedDelayLoop(name, delay, job);
    }

    /** A job that throws would end a scheduled executor's repetitions for good. */
    private static void runSafely(String name, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: run failed; next run after the usual delay", name);
        }
    }

    /** Stops repeating and waits for a run in progress to end. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

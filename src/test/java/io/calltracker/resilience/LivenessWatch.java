package io.calltracker.resilience;

import io.calltracker.testing.TrackerProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks every watched tracker's {@code /q/health/live} once a second, as a Kubernetes liveness probe
 * would, for the whole fault run: a DOWN answer is what would get a pod restarted. A tracker that ends
 * while watched ended on its own (the suite stops watching before it kills one), which is a restart
 * an orchestrator would have had to do.
 */
final class LivenessWatch implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "liveness-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, TrackerProcess> watched = new ConcurrentHashMap<>();
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    /** Per tracker name (all its processes together). Unanswered probes are shown, not held against it: a loaded machine may be slow to answer. */
    record Counts(int samples, int down, int unanswered, int exitedOnItsOwn) {
        Counts plus(Counts other) {
            return new Counts(samples + other.samples, down + other.down, unanswered + other.unanswered,
                    exitedOnItsOwn + other.exitedOnItsOwn);
        }
    }

    LivenessWatch() {
        probes.scheduleWithFixedDelay(this::probeAll, 1, 1, TimeUnit.SECONDS);
    }

    void watch(String name, TrackerProcess tracker) {
        watched.put(name, tracker);
    }

    /** Before the suite itself kills or stops a tracker: its end is not a failure. */
    void unwatch(String name) {
        watched.remove(name);
    }

    Map<String, Counts> counts() {
        return new TreeMap<>(counts);
    }

    private void probeAll() {
        watched.forEach((name, tracker) -> {
            Counts sample = probe(tracker);
            // Killed by the suite while the probe was on its way: not a sample of a running tracker.
            if (watched.get(name) != tracker) {
                return;
            }
            if (sample.exitedOnItsOwn() > 0) {
                watched.remove(name, tracker);
            }
            counts.merge(name, sample, Counts::plus);
        });
    }

    private Counts probe(TrackerProcess tracker) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(tracker.managementUrl() + "/q/health/live"))
                    .timeout(PROBE_TIMEOUT).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Counts(1, status == 200 ? 0 : 1, 0, 0);
        } catch (IOException e) {
            return tracker.isAlive() ? new Counts(1, 0, 1, 0) : new Counts(0, 0, 0, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Counts(0, 0, 0, 0);
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}

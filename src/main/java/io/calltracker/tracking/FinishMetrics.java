package io.calltracker.tracking;

import io.calltracker.exotel.Account;
import io.calltracker.exotel.Accounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * What finishing calls counts: {@code tracker_calls_finished_total{account,outcome}}, every configured
 * account and outcome registered at 0 from the start (a rate or increase() alert sees the first
 * gave_up too), and {@code tracker_detection_latency_seconds}, from Exotel's last update of a terminal
 * call to our detecting it, in fixed buckets around the latency objective (docs/operations.md): the
 * SLO burn-rate alert reads the 120 s bucket, and ~70 percentile buckets would buy nothing more.
 */
// At start-up, not on first use: its series are on /q/metrics from the first scrape, not after some call or timer.
@Startup
@ApplicationScoped
public class FinishMetrics {

    /** The buckets' bounds; 120 s is the objective's, keep it (deploy/prometheus/alerts.yaml reads le="120.0"). */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(900)};
    /** A call is tracked for hours: an updated_time days back is a wrong time, not a latency. */
    private static final Duration PLAUSIBLE_LATENCY = Duration.ofDays(1);

    private final MeterRegistry meters;
    private final Timer detectionLatency;

    public FinishMetrics(MeterRegistry meters, Accounts accounts) {
        this.meters = meters;
        this.detectionLatency = Timer.builder("tracker.detection.latency").serviceLevelObjectives(LATENCY_BUCKETS)
                .description("From Exotel's last update of a terminal call to our detecting it")
                .register(meters);
        for (Account account : accounts.all()) {
            for (Outcome outcome : Outcome.values()) {
                finishedCounter(account.sid(), outcome.wireName());
            }
        }
    }

    void finished(String account, String outcome) {
        finishedCounter(account, outcome).increment();
    }

    private Counter finishedCounter(String account, String outcome) {
        return meters.counter("tracker.calls.finished", "account", account, "outcome", outcome);
    }

    /**
     * Records a terminal call's detection latency. Exotel's updated_time of a terminal call is the moment
     * it became terminal: the best clock we have. An implausible one (days back; year 1 would even
     * overflow the timer's nanoseconds and fail the record) is not a latency and is left out.
     */
    void detected(OffsetDateTime updatedTime, OffsetDateTime detectedAt) {
        if (updatedTime != null && detectedAt != null && updatedTime.isBefore(detectedAt)) {
            Duration latency = Duration.between(updatedTime, detectedAt);
            if (latency.compareTo(PLAUSIBLE_LATENCY) <= 0) {
                detectionLatency.record(latency);
            }
        }
    }
}

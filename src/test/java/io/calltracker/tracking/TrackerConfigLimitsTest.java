package io.calltracker.tracking;

import io.calltracker.base.BoundedDuration;
import io.calltracker.testing.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tracker's settings (periods, leases, waits, counts, shares) at zero, below zero, far too large and not numbers at
 * all: refused at start-up naming the key where the value means nothing, clamped where it would overflow.
 */
class TrackerConfigLimitsTest {

    @Test
    void theDefaultsAreTenFailuresAndAQuarterOfAnHour() {
        TrackerConfig config = ConfigMappings.read(TrackerConfig.class, Map.of());
        assertThat(config.maxPollFailures()).isEqualTo(10);
        assertThat(config.unknownAccountGrace()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void perCallPollingDefaultsToTheMeasuredBestAFixedMinute() throws Exception {
        assertThat(ConfigMappings.read(TrackerConfig.class, Map.of()).pollStrategy()).isEqualTo(PollStrategy.Kind.FIXED);
        Properties shipped = new Properties();
        try (InputStream in = TrackerConfigLimitsTest.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        assertThat(shipped.getProperty("tracker.poll-interval")).isEqualTo("60s");
    }

    @Test
    void theFixedStrategyPollsEveryPollIntervalWhateverThePhaseOrTheBackoffBounds() {
        PollStrategy fixed = PollStrategy.of(PollStrategy.Kind.FIXED,
                new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(2)), Duration.ofSeconds(45));
        assertThat(fixed.nextDelay(null, null, Instant.EPOCH)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aPollIntervalOfZeroOrLessIsRefused() {
        assertRefused("tracker.poll-interval", "0s", "tracker.poll-interval must be at least 10ms");
        assertRefused("tracker.poll-interval", "-1m", "tracker.poll-interval must be at least 10ms");
        assertThat(read("tracker.poll-interval", "10ms").pollInterval()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aPollIntervalTooLongForMillisecondsIsTakenAsAYear() {
        assertThat(read("tracker.poll-interval", "200000000000d").pollInterval()).isEqualTo(BoundedDuration.CEILING);
    }

    @Test
    void zeroPollFailuresIsRefused() {
        assertRefused("tracker.max-poll-failures", "0",
                "tracker.max-poll-failures must be at least 1 (1 fails a call at its first reply that cannot be applied), got 0");
    }

    @Test
    void aNegativeNumberOfPollFailuresIsRefused() {
        assertRefused("tracker.max-poll-failures", "-3", "tracker.max-poll-failures must be at least 1");
    }

    @Test
    void pollFailuresBeyondAnIntMeanNoLimitInsteadOfAnOverflow() {
        assertThat(read("tracker.max-poll-failures", "99999999999999999999").maxPollFailures()).isEqualTo(Integer.MAX_VALUE);
        assertThat(read("tracker.max-poll-failures", "2147483647").maxPollFailures()).isEqualTo(Integer.MAX_VALUE);
        assertThat(read("tracker.max-poll-failures", "1").maxPollFailures()).isEqualTo(1);
    }

    @Test
    void zeroGraceIsTakenAsNone() {
        assertThat(read("tracker.unknown-account-grace", "0s").unknownAccountGrace()).isZero();
    }

    @Test
    void aNegativeGraceIsRefused() {
        assertRefused("tracker.unknown-account-grace", "-5m",
                "tracker.unknown-account-grace must be 0 or more (0 ends such calls as soon as they are due), got -5m");
    }

    @Test
    void aGraceTooLongForMillisecondsIsTakenAsAYear() {
        // 200 billion days: a Duration can hold it, its toMillis() cannot.
        assertThat(read("tracker.unknown-account-grace", "200000000000d").unknownAccountGrace())
                .isEqualTo(BoundedDuration.CEILING).isEqualTo(Duration.ofDays(365));
        assertThat(read("tracker.unknown-account-grace", "365d").unknownAccountGrace()).isEqualTo(Duration.ofDays(365));
    }

    /** Every period, lease and time-out of the tracker: 0 or negative would run a loop back to back. */
    private static final List<String> INTERVALS = List.of("tracker.poll-min-interval", "tracker.poll-max-interval",
            "tracker.max-tracking-age", "tracker.expiry-interval", "tracker.claim-lease", "tracker.claim-interval",
            "tracker.bulk.sweep-interval", "tracker.bulk.processing-sweep-interval", "tracker.bulk.safety-net-interval",
            "tracker.bulk.recheck-interval", "tracker.bulk.contradiction-window");

    @Test
    void everyIntervalOfZeroOrLessIsRefusedNamingItsKey() {
        for (String key : INTERVALS) {
            for (String value : List.of("0s", "0", "-1ms", "-5m", "PT-1S", "9ms")) {
                assertThatThrownBy(() -> read(key, value)).as(key + "=" + value)
                        .hasMessageContaining(key).hasMessageContaining("at least 10ms");
            }
        }
    }

    @Test
    void everyIntervalTooLongForTheClockIsTakenAsAYear() {
        for (String key : INTERVALS) {
            TrackerConfig config = read(key, "200000000000d");
            assertThat(List.of(config.pollMinInterval(), config.pollMaxInterval(), config.maxTrackingAge(),
                    config.expiryInterval(), config.claimLease(), config.claimInterval(), config.bulk().sweepInterval(),
                    config.bulk().processingSweepInterval().orElse(Duration.ZERO), config.bulk().safetyNetInterval(),
                    config.bulk().recheckInterval(), config.bulk().contradictionWindow()))
                    .as(key).contains(BoundedDuration.CEILING).allMatch(d -> d.compareTo(BoundedDuration.CEILING) <= 0);
        }
    }

    @Test
    void theProcessingSweepStaysOffUnlessSetAndTakesTheShortestInterval() {
        assertThat(ConfigMappings.read(TrackerConfig.class, Map.of()).bulk().processingSweepInterval()).isEmpty();
        assertThat(read("tracker.bulk.processing-sweep-interval", "10ms").bulk().processingSweepInterval())
                .contains(Duration.ofMillis(10));
    }

    @Test
    void aBackoffWhoseMaximumIsBelowItsMinimumIsRefusedNamingBothKeys() {
        TrackerConfig config = ConfigMappings.read(TrackerConfig.class,
                Map.of("tracker.poll-min-interval", "2m", "tracker.poll-max-interval", "10s"));
        assertThatThrownBy(config::backoff).hasMessageContaining("tracker.poll-max-interval (PT10S) must not be shorter than"
                + " tracker.poll-min-interval (PT2M)");
        assertThat(read("tracker.poll-max-interval", "100ms").backoff().maxInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void waitsMayBeZeroButNotNegative() {
        for (String key : List.of("tracker.poll-initial-delay", "tracker.not-found-grace", "tracker.bulk.model-tolerance")) {
            assertThatThrownBy(() -> read(key, "-1s")).as(key).hasMessageContaining(key).hasMessageContaining("0 or more");
            assertThat(read(key, "0s")).as(key).isNotNull();
        }
        assertThat(read("tracker.not-found-grace", "0s").notFoundGrace()).isZero();
    }

    @Test
    void countsBelowOneAreRefusedAndHugeOnesCapped() {
        assertRefused("tracker.claim-batch-size", "0", "tracker.claim-batch-size must be at least 1");
        assertRefused("tracker.poll-concurrency", "-2", "tracker.poll-concurrency must be at least 1");
        assertRefused("tracker.bulk.chunk-size", "0", "tracker.bulk.chunk-size must be at least 1");
        assertRefused("tracker.bulk.contradiction-min-sample", "0", "tracker.bulk.contradiction-min-sample must be at least 1");
        assertRefused("tracker.poll-concurrency", "eight", "tracker.poll-concurrency must be a whole number");
        assertThat(read("tracker.claim-batch-size", "99999999999999999999").claimBatchSize()).isEqualTo(10_000);
        assertThat(read("tracker.poll-concurrency", "100000").pollConcurrency()).isEqualTo(256);
        assertThat(read("tracker.bulk.chunk-size", "500").bulk().chunkSize()).isEqualTo(100);
        assertThat(read("tracker.bulk.contradiction-min-sample", "2147483648").bulk().contradictionMinSample())
                .isEqualTo(ModelWatch.MAX_KEPT);
    }

    @Test
    void aContradictionThresholdMustBeAShare() {
        for (String value : List.of("0", "-0.1", "1.0001", "NaN", "Infinity", "-Infinity", "ten percent", "1e309")) {
            assertRefused("tracker.bulk.contradiction-threshold", value,
                    "tracker.bulk.contradiction-threshold must be a share above 0 and at most 1");
        }
        assertThat(read("tracker.bulk.contradiction-threshold", "1").bulk().contradictionThreshold()).isEqualTo(1.0);
        assertThat(read("tracker.bulk.contradiction-threshold", "4.9e-324").bulk().contradictionThreshold()).isPositive();
    }

    private static TrackerConfig read(String key, String value) {
        return ConfigMappings.read(TrackerConfig.class, Map.of(key, value));
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> read(key, value)).hasMessageContaining(key).hasMessageContaining(message);
    }
}

package io.calltracker.tracking;

import io.calltracker.base.BoundedDuration;
import io.calltracker.testing.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tracker.max-poll-failures, tracker.unknown-account-grace and tracker.poll-interval at zero, below zero and far too large:
 * refused at start-up naming the key where the value means nothing, clamped where it would overflow.
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

    private static TrackerConfig read(String key, String value) {
        return ConfigMappings.read(TrackerConfig.class, Map.of(key, value));
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> read(key, value)).hasMessageContaining(key).hasMessageContaining(message);
    }
}

package io.calltracker.base;

import io.calltracker.publishing.SentEventRetention;
import io.calltracker.testing.ConfigMappings;
import io.calltracker.tracking.FinishedCallRetention;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tracker.retention.sent-events.* and tracker.retention.finished-calls.* at their defaults, zero, below
 * the floor, negative and far too large: 0 keeps forever, a mistake is refused at start-up naming the
 * key, and an age no row can reach is taken as forever rather than shortened.
 */
class RetentionSettingsTest {

    private static final String EVENTS = "tracker.retention.sent-events.keep";
    private static final String CALLS = "tracker.retention.finished-calls.keep";

    @Test
    void sentEventsAreKeptAWeekAndFinishedCallsAMonthPurgedEveryFiveMinutes() {
        SentEventRetention events = ConfigMappings.read(SentEventRetention.class, Map.of());
        FinishedCallRetention calls = ConfigMappings.read(FinishedCallRetention.class, Map.of());
        assertThat(events.keep()).isEqualTo(Duration.ofDays(7));
        assertThat(calls.keep()).isEqualTo(Duration.ofDays(30));
        // The test profile purges every second; production waits 5 minutes (no profile sets it).
        assertThat(ConfigMappings.read(SentEventRetention.class, Map.of("tracker.retention.sent-events.purge-interval", "5m"))
                .purgeInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void zeroKeepsForever() {
        assertThat(RetentionAge.keepsForever(events("0"))).isTrue();
        assertThat(RetentionAge.keepsForever(calls("0s"))).isTrue();
    }

    @Test
    void lessThanAnHourIsRefusedAsAUnitMistake() {
        assertThatThrownBy(() -> events("30")).hasMessageContaining(EVENTS + " must be 0 (keep forever) or at least 1h, got 30");
        assertThatThrownBy(() -> calls("59m")).hasMessageContaining(CALLS + " must be 0 (keep forever) or at least 1h, got 59m");
        assertThat(calls("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aNegativeAgeIsRefused() {
        assertThatThrownBy(() -> events("-7d")).hasMessageContaining(EVENTS + " must be 0 (keep forever) or at least 1h, got -7d");
        assertThatThrownBy(() -> calls("-1h")).hasMessageContaining(CALLS);
    }

    @Test
    void anAgeNoRowCanReachIsForeverNotACap() {
        assertThat(RetentionAge.keepsForever(events("200000000000d"))).isTrue();
        assertThat(RetentionAge.keepsForever(calls("36501d"))).isTrue();
        assertThat(calls("36500d")).isEqualTo(RetentionAge.CENTURY);
    }

    @Test
    void purgeIntervalsBelowASecondAreRefusedAndHugeOnesCapped() {
        assertThatThrownBy(() -> ConfigMappings.read(FinishedCallRetention.class,
                Map.of("tracker.retention.finished-calls.purge-interval", "0")))
                .hasMessageContaining("tracker.retention.finished-calls.purge-interval must be at least 1s");
        assertThat(ConfigMappings.read(SentEventRetention.class,
                Map.of("tracker.retention.sent-events.purge-interval", "200000000000d")).purgeInterval())
                .isEqualTo(BoundedDuration.CEILING);
    }

    @Test
    void theDocumentedEnvVarsSetThem() {
        SentEventRetention events = fromEnv(SentEventRetention.class, Map.of("TRACKER_RETENTION_SENT_EVENTS_KEEP", "2d",
                "TRACKER_RETENTION_SENT_EVENTS_PURGE_INTERVAL", "90s"));
        FinishedCallRetention calls = fromEnv(FinishedCallRetention.class, Map.of("TRACKER_RETENTION_FINISHED_CALLS_KEEP", "0"));
        assertThat(events.keep()).isEqualTo(Duration.ofDays(2));
        assertThat(events.purgeInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetentionAge.keepsForever(calls.keep())).isTrue();
    }

    private static <T> T fromEnv(Class<T> mapping, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(mapping)
                .build()
                .getConfigMapping(mapping);
    }

    private static Duration events(String value) {
        return ConfigMappings.read(SentEventRetention.class, Map.of(EVENTS, value)).keep();
    }

    private static Duration calls(String value) {
        return ConfigMappings.read(FinishedCallRetention.class, Map.of(CALLS, value)).keep();
    }
}

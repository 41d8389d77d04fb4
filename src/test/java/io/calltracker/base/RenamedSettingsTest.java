package io.calltracker.base;

import io.calltracker.guard.GuardConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithName;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A renamed setting keeps working under its old name for one release, without ever beating the new one. */
class RenamedSettingsTest {

    @Test
    void theOldEnvironmentVariableStillSetsTheSetting() {
        assertThat(circuitOpenDelay(new EnvConfigSource(Map.of("TRACKER_CIRCUIT_OPEN_DELAY", "7s"), 300)))
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theOldPropertyNameStillSetsTheSetting() {
        assertThat(circuitOpenDelay(new PropertiesConfigSource(Map.of("tracker.circuit-open-delay", "8s"), "file", 250)))
                .isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void theNewNameWinsOverTheOldOneInTheSameSource() {
        assertThat(circuitOpenDelay(new EnvConfigSource(Map.of("TRACKER_CIRCUIT_OPEN_DELAY", "7s",
                "TRACKER_GUARD_CIRCUIT_OPEN_DELAY", "9s"), 300))).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void theOldNameInAStrongerSourceWinsOverTheNewNameInAWeakerOne() {
        assertThat(circuitOpenDelay(new EnvConfigSource(Map.of("TRACKER_CIRCUIT_OPEN_DELAY", "7s"), 300),
                new PropertiesConfigSource(Map.of("tracker.guard.circuit-open-delay", "9s"), "file", 250)))
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void neitherNameSetLeavesTheDefault() {
        assertThat(circuitOpenDelay(new EnvConfigSource(Map.of(), 300))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theWarningNamesTheOldAndTheNewVariable() {
        assertThat(RenamedSettingsWarning.env("tracker.guard.circuit-open-delay")).isEqualTo("TRACKER_GUARD_CIRCUIT_OPEN_DELAY");
        assertThat(RenamedSettings.OLD_NAMES).containsEntry("exotel.rate-share-per-minute", "tracker.rate-share-per-minute");
    }

    /** Every old name is a declared key (or start-up refuses it), and no declared key is not an old name. */
    @Test
    void everyOldNameIsDeclaredAsAFormerName() {
        Set<String> declared = Arrays.stream(FormerNames.class.getMethods())
                .map(method -> "tracker." + method.getAnnotation(WithName.class).value()).collect(Collectors.toSet());
        assertThat(declared).containsExactlyInAnyOrderElementsOf(RenamedSettings.OLD_NAMES.values());
    }

    private static Duration circuitOpenDelay(ConfigSource... sources) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new RenamedSettings()).withSources(sources)
                .withConverter(Duration.class, 200, new DurationConverter()).withMapping(GuardConfig.class).build();
        return config.getConfigMapping(GuardConfig.class).circuitOpenDelay();
    }
}

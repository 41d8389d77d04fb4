package io.calltracker.base;

import io.calltracker.guard.GuardConfig;
import io.calltracker.testing.TrackerTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The running application reads a renamed setting under its old name: the interceptor is registered. */
@QuarkusTest
@TestProfile(RenamedSettingsAppTest.OldNames.class)
@QuarkusTestResource(TrackerTestResources.class)
class RenamedSettingsAppTest {

    public static class OldNames implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.circuit-open-delay", "7s", "tracker.enabled", "false");
        }
    }

    @Inject
    GuardConfig guard;

    @Test
    void anOldNameSetsTheRenamedSetting() {
        assertThat(guard.circuitOpenDelay()).isEqualTo(Duration.ofSeconds(7));
    }
}

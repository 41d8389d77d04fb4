package io.calltracker.tracking;

import io.calltracker.exotel.Accounts;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, item 5: the bulk model checks itself. Against the simulator playing each v1 model, the
 * tracker counts what contradicts the model it rests on, switches an account whose contradictions pass
 * the threshold to per-call polling, comes back after the recheck, and completes every call with a
 * terminal v3 reply whatever the model. With the per-call safety net an hour away, only sweeps (or the
 * switch to per-call polling) can finish these calls within the test's wait.
 */
@QuarkusTest
@TestProfile(BulkModelTest.ModelChecked.class)
@QuarkusTestResource(TrackerTestResources.class)
class BulkModelTest extends PipelineHarness {

    static final String SECOND = "second-account";
    static final String THIRD = "third-account";

    public static class ModelChecked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(Map.of("tracker.bulk.enabled", "true",
                    "tracker.bulk.sweep-interval", "300ms",
                    "tracker.bulk.safety-net-interval", "1h",
                    "tracker.bulk.recheck-interval", "4s",
                    "tracker.bulk.contradiction-window", "1m",
                    "tracker.bulk.contradiction-min-sample", "5",
                    "tracker.bulk.model-tolerance", "1s",
                    "tracker.fetch-legs", "false"));
            settings.put("exotel.accounts.\"" + THIRD + "\".api-key", "sim-key");
            settings.put("exotel.accounts.\"" + THIRD + "\".api-token", "sim-token");
            return settings;
        }
    }

    @Inject
    CallSimulator simulator;
    @Inject
    BulkAvailability availability;
    @Inject
    Accounts accounts;
    @Inject
    MeterRegistry meters;

    @AfterEach
    void defaultModel() {
        simulator.v1Model("{\"model\": \"listed-at-end\"}");
    }

    @Test
    void underTheModelTheSweepAssumesNothingIsCountedAndTheAccountStaysOnBulk() {
        Map<ModelContradiction, Double> before = contradictions(ACCOUNT);
        List<String> sids = calls(ACCOUNT, 20, Duration.ofMillis(1500));

        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));

        assertThat(contradictions(ACCOUNT)).isEqualTo(before);
        assertThat(availability.watching(accounts.get(ACCOUNT))).isTrue();
        assertThat(ManagementInterface.metrics())
                .contains("tracker_bulk_model_contradictions_total{account=\"" + ACCOUNT + "\",kind=\"listed_active\"}")
                .contains("tracker_bulk_model_contradictions_total{account=\"" + ACCOUNT + "\",kind=\"terminal_unlisted\"}")
                .contains("tracker_bulk_model_contradictions_total{account=\"" + ACCOUNT + "\",kind=\"ended_unlisted\"}")
                .contains("tracker_bulk_model_contradiction_rate{account=\"" + ACCOUNT + "\"}");
    }

    @Test
    void whenV1FillsEndTimeWhileV3IsStillActiveTheAccountSwitchesToPerCallPollingAndBackAfterTheRecheck() {
        simulator.v1Model("{\"model\": \"endtime-at-end\"}");
        double before = contradictions(SECOND).get(ModelContradiction.LISTED_ACTIVE);
        List<String> sids = calls(SECOND, 12, Duration.ofSeconds(8)); // outlasts a slow first intake

        // Off bulk for the recheck interval (4 s): long enough to be seen at Awaitility's 100 ms polls.
        await().atMost(WAIT).until(() -> !availability.watching(accounts.get(SECOND)));
        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));

        assertThat(contradictions(SECOND).get(ModelContradiction.LISTED_ACTIVE)).isGreaterThanOrEqualTo(before + 5);

        simulator.v1Model("{\"model\": \"listed-at-end\"}");
        await().atMost(WAIT).until(() -> availability.watching(accounts.get(SECOND)));
        Map<ModelContradiction, Double> afterRecheck = contradictions(SECOND);
        List<String> later = calls(SECOND, 5, Duration.ofMillis(500));
        later.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
        assertThat(contradictions(SECOND)).as("back on bulk, nothing contradicts").isEqualTo(afterRecheck);
        assertThat(availability.watching(accounts.get(SECOND))).isTrue();
    }

    @Test
    void whenV1ListsACallOnlyOnceV3IsTerminalTheLateListingsAreCountedAndEveryCallCompletes() {
        simulator.v1Model("{\"model\": \"listed-when-terminal\", \"max_lag_ms\": 1500}");
        double before = contradictions(THIRD).get(ModelContradiction.ENDED_UNLISTED);
        List<String> sids = calls(THIRD, 12, Duration.ofSeconds(6));

        await().atMost(WAIT).until(() -> !availability.watching(accounts.get(THIRD)));
        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));

        assertThat(contradictions(THIRD).get(ModelContradiction.ENDED_UNLISTED)).isGreaterThan(before);
    }

    private Map<ModelContradiction, Double> contradictions(String account) {
        Map<ModelContradiction, Double> counts = new HashMap<>();
        for (ModelContradiction kind : ModelContradiction.values()) {
            counts.put(kind, meters.get("tracker.bulk.model.contradictions").tag("account", account)
                    .tag("kind", kind.wireName()).counter().count());
        }
        return counts;
    }

    private List<String> calls(String account, int count, Duration postProcessing) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sid = newCallSid();
            simulator.register(SimulatedCallSpec.forAccount(account).sid(sid).ring(Duration.ofMillis(200))
                    .talk(Duration.ofMillis(400)).postProcessing(postProcessing).build());
            sids.add(sid);
            send(sid, "{\"call_sid\": \"" + sid + "\", \"account_sid\": \"" + account + "\"}");
        }
        return sids;
    }
}

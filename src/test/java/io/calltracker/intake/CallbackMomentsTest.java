package io.calltracker.intake;

import io.calltracker.exotel.CallDetails;
import io.calltracker.exotel.ExotelTime;
import io.calltracker.testing.ManagementInterface;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.tracking.CallbackTiming;
import io.calltracker.tracking.PollSchedule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's callbacks at both moments, duplicated, against a tracker whose ordinary sweep and
 * per-call safety net are an hour away: only what the callbacks tell can complete these calls in time.
 * At the end moment the call is not terminal yet, so the callback must not cost a v3 request; the
 * post-processing sweep finds the end of processing; duplicates cost nothing.
 */
@QuarkusTest
@TestProfile(CallbackMomentsTest.SweepsAnHourApart.class)
@QuarkusTestResource(TrackerTestResources.class)
class CallbackMomentsTest extends PipelineHarness {

    private static final Duration POST_PROCESSING = Duration.ofSeconds(4);
    /** What the account learned: less than the calls' post-processing, more than the callbacks' delay plus EndTime's truncation to the second. */
    private static final Duration LEARNED = Duration.ofSeconds(2);

    public static class SweepsAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.bulk.enabled", "true",
                    "tracker.bulk.sweep-interval", "1h",
                    "tracker.bulk.processing-sweep-interval", "200ms",
                    "tracker.bulk.safety-net-interval", "1h",
                    "tracker.fetch-legs", "false");
        }
    }

    @Inject
    CallSimulator simulator;
    @Inject
    CallbackTiming timing;
    @Inject
    PollSchedule schedule;

    @TestHTTPResource("/exotel/status-callback/" + StatusCallbackTest.TOKEN)
    URL callbackUrl;

    @AfterEach
    void defaultCallbacks() {
        simulator.callbacks("{}");
    }

    @Test
    void callbacksAtTheEndCostNoV3RequestBeforeProcessingIsOverAndTheirCopiesNothing() {
        teachPostProcessing(ACCOUNT, LEARNED);
        simulator.callbacks("{\"moment\": \"end\", \"duplicated\": 1.0}");
        long detailsBefore = requests("v3_call_details");

        List<String> sids = callsWithCallbacks(ACCOUNT, 10);

        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
        assertThat(requests("v3_call_details") - detailsBefore).as("one v3 request per call, once it is terminal")
                .isEqualTo(sids.size());
        assertThat(requests("v1_bulk")).as("the post-processing sweep found them").isPositive();
        assertThat(timing.callbacksComeEarly(ACCOUNT)).isTrue();
        assertThat(ManagementInterface.metrics())
                .contains("tracker_status_callbacks_total{result=\"ended\"}")
                .contains("tracker_status_callbacks_total{result=\"duplicate\"}");
    }

    @Test
    void callbacksAtTheTerminalMomentArePolledAtOnceAndTheirCopiesCostNothing() {
        simulator.callbacks("{\"moment\": \"terminal\", \"duplicated\": 1.0}");
        long detailsBefore = requests("v3_call_details");

        List<String> sids = callsWithCallbacks(ACCOUNT, 10);

        sids.forEach(sid -> assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal"));
        assertThat(requests("v3_call_details") - detailsBefore).isEqualTo(sids.size());
    }

    /** As if the account's calls had been found terminal this long after their end, many times. */
    private void teachPostProcessing(String account, Duration postProcessing) {
        // Whole seconds: Exotel's times have no fractions.
        Instant end = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        String ended = ExotelTime.FORMAT.format(end.atOffset(ZoneOffset.ofHoursMinutes(5, 30)));
        String updated = ExotelTime.FORMAT.format(end.plus(postProcessing).atOffset(ZoneOffset.ofHoursMinutes(5, 30)));
        CallDetails terminal = new CallDetails("cabfb1dfa8c5e1c7f2c458423b7716b3", "outbound", "+911414941199", "terminal",
                "completed", null, ended, updated, ended, ended, 1, 1, null, null, null, null, List.of());
        for (int i = 0; i < 200; i++) {
            timing.observeTerminal(account, "learned", terminal, end.plus(postProcessing));
        }
    }

    /** Calls already tracked, with their next poll an hour away, their callbacks pointed at the tracker. */
    private List<String> callsWithCallbacks(String account, int count) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sid = newCallSid();
            schedule.enqueue(sid, account, null, Duration.ofHours(1));
            simulator.register(SimulatedCallSpec.forAccount(account).sid(sid).ring(Duration.ofMillis(300))
                    .talk(Duration.ofMillis(700)).postProcessing(POST_PROCESSING)
                    .statusCallback(callbackUrl.toString(), i % 2 == 0 ? "application/json" : null).build());
            sids.add(sid);
        }
        return sids;
    }

    private long requests(String endpoint) {
        return simulator.stats().requestsByEndpoint().getOrDefault(endpoint, 0L);
    }
}

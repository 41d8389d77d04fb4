package io.calltracker.intake;

import io.calltracker.testing.simulator.CallSimulator;
import io.calltracker.testing.simulator.SimulatedCallSpec;
import io.calltracker.testing.PipelineHarness;
import io.calltracker.testing.TrackerTestResources;
import io.calltracker.tracking.PollSchedule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.time.Duration;

import static io.calltracker.testing.TestSids.newCallSid;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's own status callbacks, as Exotel would send them, pointed at the tracker. */
@QuarkusTest
@QuarkusTestResource(TrackerTestResources.class)
class StatusCallbackSimulatorTest extends PipelineHarness {

    @Inject
    CallSimulator simulator;

    @Inject
    PollSchedule schedule;

    @TestHTTPResource("/exotel/status-callback/" + StatusCallbackTest.TOKEN)
    URL callbackUrl;

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data", "application/json"})
    void theCallbackFinishesACallWhoseNextPollIsFarAway(String contentType) {
        String sid = newCallSid();
        schedule.enqueue(sid, ACCOUNT, null, Duration.ofHours(1));

        simulator.register(SimulatedCallSpec.forAccount(ACCOUNT).sid(sid)
                .ring(Duration.ofMillis(200)).talk(Duration.ofMillis(400)).postProcessing(Duration.ofMillis(200))
                .statusCallback(callbackUrl.toString(), contentType).build());

        assertThat(awaitEvent(sid).path("outcome").asText()).isEqualTo("terminal");
    }
}

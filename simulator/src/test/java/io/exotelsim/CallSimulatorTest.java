package io.exotelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bean as the application wires it, on the real clock. */
class CallSimulatorTest {

    private final CallSimulator simulator = new CallSimulator(new TestConfig());
    private final CallbackReceiver receiver = new CallbackReceiver();

    CallSimulatorTest() throws IOException {
    }

    @AfterEach
    void stop() {
        simulator.stopCallbacks();
        receiver.close();
    }

    @Test
    void showsARegisteredCallWithWhenItEndsAndTurnsTerminal() {
        Instant before = Instant.now();
        RegisteredCall registered = simulator.register(SimulatedCallSpec.forAccount("acc").sid("s1")
                .status("to_leg_unanswered").ring(Duration.ofSeconds(20)).postProcessing(Duration.ofSeconds(30))
                .build());

        assertThat(simulator.call("s1")).contains(registered);
        assertThat(registered.status()).isEqualTo("to_leg_unanswered");
        assertThat(registered.endedAt()).isBetween(before.plusSeconds(20), Instant.now().plusSeconds(20));
        assertThat(registered.terminalAt()).isEqualTo(registered.endedAt().plusSeconds(30));
        assertThat(simulator.call("unknown")).isEmpty();
    }

    @Test
    void pushesTheStatusCallbackOfARegisteredCallAndCountsIt() {
        simulator.register(SimulatedCallSpec.forAccount("acc").ring(Duration.ZERO).talk(Duration.ofMillis(10))
                .postProcessing(Duration.ofMillis(10)).statusCallback(receiver.url(), "application/json").build());

        await().until(() -> simulator.stats().callbacks().sent() == 1);
        assertThat(receiver.received()).singleElement()
                .extracting(CallbackReceiver.Received::contentType).isEqualTo("application/json");
    }

    @Test
    void statsListEveryEndpointAndTheCallbacks() {
        simulator.callDetails("acc", "nope", ApiFixture.basic("sim-key:sim-token"));
        simulator.bulkCallDetails("acc", "nope", ApiFixture.basic("sim-key:sim-token"));

        SimulatorStats stats = simulator.stats();

        assertThat(stats.requestsTotal()).isEqualTo(2);
        assertThat(stats.requestsByEndpoint())
                .containsExactly(Map.entry("v3_call_details", 1L), Map.entry("v3_legs", 0L), Map.entry("v1_bulk", 1L));
        assertThat(stats.callbacks()).isEqualTo(new SimulatorStats.CallbackCounts(0, 0, 0, 0));

        simulator.reset();
        assertThat(simulator.stats().requestsByEndpoint()).containsOnly(
                Map.entry("v3_call_details", 0L), Map.entry("v3_legs", 0L), Map.entry("v1_bulk", 0L));
    }

    /** The configuration's defaults, with the rate limit off. */
    private static final class TestConfig implements SimulatorConfig {

        @Override
        public String apiKey() {
            return "sim-key";
        }

        @Override
        public String apiToken() {
            return "sim-token";
        }

        @Override
        public int rateLimitPerMinute() {
            return 0;
        }

        @Override
        public boolean retryAfter() {
            return true;
        }

        @Override
        public double errorRate() {
            return 0;
        }

        @Override
        public Duration latency() {
            return Duration.ZERO;
        }

        @Override
        public String publicUrl() {
            return "http://localhost:8090";
        }

        @Override
        public double timeScale() {
            return 1;
        }

        @Override
        public String v1Model() {
            return "listed-at-end";
        }
    }
}

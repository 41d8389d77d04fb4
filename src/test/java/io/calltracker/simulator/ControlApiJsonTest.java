package io.calltracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control API speaks snake_case, whatever naming the application's ObjectMapper uses elsewhere. */
class ControlApiJsonTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void readsACallSpec() throws Exception {
        SimulatedCallSpec spec = json.readValue("""
                {"account_sid": "acc", "status": "from_leg_cancelled", "ring_ms": 100, "post_processing_ms": 7,
                 "virtual_number": "+911", "custom_field": "c", "app_id": "1", "recordings": 2}""",
                SimulatedCallSpec.class);

        assertThat(spec).isEqualTo(new SimulatedCallSpec(null, "acc", "from_leg_cancelled", null, "+911", 100L, null,
                7L, null, null, "c", "1", null, 2));
    }

    @Test
    void readsAScript() throws Exception {
        List<ScriptedReply> replies = json.readValue("""
                [{"status": 500}, {"status": 429, "retry_after_seconds": 3}, {"status": 200, "body": "not json"}]""",
                new TypeReference<>() {
                });

        assertThat(replies).containsExactly(ScriptedReply.withStatus(500), new ScriptedReply(429, 3, null),
                new ScriptedReply(200, null, "not json"));
    }

    @Test
    void readsAPartialFaultsUpdateAndWritesTheFaults() throws Exception {
        FaultsUpdate update = json.readValue("{\"latency_ms\": 50}", FaultsUpdate.class);
        Faults faults = new Faults(0.1, 0, 200).with(update);

        assertThat(json.readValue(json.writeValueAsString(faults), Map.class))
                .isEqualTo(Map.of("error_rate", 0.1, "latency_ms", 50, "rate_limit_per_minute", 200));
    }

    @Test
    void writesStatsAndRegisteredCalls() throws Exception {
        SimulatorStats stats = new SimulatorStats(3, Map.of("acc", new SimulatorStats.AccountStats(
                3, Map.of("200", 3L), 3)), new SimulatorStats.CallCounts(1, 0));

        assertThat(json.writeValueAsString(stats)).isEqualTo("{\"requests_total\":3,\"requests_by_account\":"
                + "{\"acc\":{\"total\":3,\"by_status\":{\"200\":3},\"peak_per_minute\":3}},"
                + "\"calls\":{\"registered\":1,\"terminal\":0}}");
        assertThat(json.writeValueAsString(new RegisteredCall("s", "a", Instant.EPOCH)))
                .contains("\"account_sid\":\"a\"", "\"terminal_at\"");
    }
}
